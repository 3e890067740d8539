import { BINARY_PRECEDENCE, BOUNDARY_KEYWORDS, PREFIX_NOT_PRECEDENCE, UNARY_PRECEDENCE } from "./expression-synonyms";
import type { Token } from "./sql-tokens";

/** Reading operators in a token list: binary or unary, and how tightly they bind. */

/** Whether the token ends an operand (so an operator after it is binary). */
export function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.text === ")") return true;
  if (t.kind === "word")
    return (!BINARY_PRECEDENCE.has(t.text) && t.text !== "not" && !BOUNDARY_KEYWORDS.has(t.text)) || t.text === "end";
  return t.kind === "identifier" || t.kind === "number" || t.kind === "string" || t.kind === "literal";
}

export const UNARY = new Set(["-", "+", "~", "!"]);

/**
 * Precedence of the operator at `k`, `null` when it is no operator. `betweenOpen` counts
 * `between`s waiting for their `and`, which is then part of `between`, not logical.
 */
export function precedenceAt(tokens: readonly Token[], k: number, state: { betweenOpen: number }): number | null {
  const t = tokens[k]!;
  if (t.kind !== "word" && t.kind !== "operator") return null;
  const prev = tokens[k - 1];
  if (t.text === "not") {
    return endsOperand(prev) || prev?.text === "is" ? BINARY_PRECEDENCE.get("=")! : PREFIX_NOT_PRECEDENCE;
  }
  if (t.kind === "operator" && UNARY.has(t.text) && !endsOperand(prev)) return UNARY_PRECEDENCE;
  if (t.text === "between") state.betweenOpen++;
  if (t.text === "and" && state.betweenOpen > 0) {
    state.betweenOpen--;
    return BINARY_PRECEDENCE.get("between")!;
  }
  return BINARY_PRECEDENCE.get(t.text) ?? null;
}

/** Matching `)` for the `(` at `open`, or -1. */
export function closing(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k]!.text === "(") depth++;
    else if (tokens[k]!.text === ")" && --depth === 0) return k;
  }
  return -1;
}
