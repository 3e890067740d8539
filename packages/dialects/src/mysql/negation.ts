import { BOUNDARY_KEYWORDS, PREFIX_NOT_PRECEDENCE } from "./expression-synonyms";
import { closing, endsOperand, precedenceAt } from "./precedence";
import type { Token } from "./sql-tokens";

/**
 * MariaDB stores `NOT` applied to one comparison as the inverse comparison, seen in
 * information_schema.CHECK_CONSTRAINTS on 10.11: `NOT (a = b)` → `a <> b`,
 * `NOT a >= b` → `a < b`, `NOT (a IS NULL)` → `a is not null`, `NOT (a IN (1,2))` →
 * `a not in (1,2)`, `NOT (s REGEXP 'x')` → `!(s regexp 'x')`, `NOT a` → `a = 0`.
 * Applied to both sides so they meet. Runs after redundant parentheses are dropped.
 */
export function invertNegations(input: readonly Token[]): Token[] {
  let tokens = [...input];
  for (let k = 0; k < tokens.length; k++) {
    if (isPrefixNot(tokens, k)) {
      const end = spanEnd(tokens, k + 1);
      const replacement = invert(tokens.slice(k + 1, end));
      if (replacement) tokens = [...tokens.slice(0, k), ...replacement, ...tokens.slice(end)];
    } else if (isBangGroup(tokens, k)) {
      // `!(a = 5)`: the same, inside the parentheses `!` needs.
      const close = closing(tokens, k + 1);
      const replacement = close > 0 ? invert(tokens.slice(k + 2, close)) : null;
      if (replacement && replacement[0]?.text !== "!") {
        tokens = [...tokens.slice(0, k), PAREN_OPEN, ...replacement, PAREN_CLOSE, ...tokens.slice(close + 1)];
      }
    }
  }
  return tokens;
}

const PAREN_OPEN: Token = { kind: "punct", text: "(" };
const PAREN_CLOSE: Token = { kind: "punct", text: ")" };

function isBangGroup(tokens: readonly Token[], k: number): boolean {
  return tokens[k]!.text === "!" && tokens[k + 1]?.text === "(" && !endsOperand(tokens[k - 1]);
}

function isPrefixNot(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k]!;
  return t.kind === "word" && t.text === "not" && !endsOperand(tokens[k - 1]) && tokens[k - 1]?.text !== "is";
}

/** Where the operand of a prefix NOT ends: at the first operator binding no tighter than NOT. */
function spanEnd(tokens: readonly Token[], start: number): number {
  let depth = 0;
  const state = { betweenOpen: 0 };
  for (let k = start; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.text === "(" || t.text === "case") depth++;
    else if (t.text === ")" || t.text === "end") {
      if (depth === 0) return k;
      depth--;
    } else if (depth === 0) {
      if (t.text === "," || (BOUNDARY_KEYWORDS.has(t.text) && t.text !== "case")) return k;
      const p = precedenceAt(tokens, k, state);
      if (p !== null && p <= PREFIX_NOT_PRECEDENCE && k > start) return k;
    }
  }
  return tokens.length;
}

const INVERSE: Readonly<Record<string, string>> = { "=": "<>", "<>": "=", "<": ">=", ">=": "<", ">": "<=", "<=": ">" };
const NEGATABLE_KEYWORDS = new Set(["like", "in", "between"]);
const BANG_WRAPPED = new Set(["regexp", "<=>"]);

const word = (text: string): Token => ({ kind: "word", text });

/** The operand of NOT rewritten without it, or null to leave NOT as it is. */
function invert(span: readonly Token[]): Token[] | null {
  if (span.length === 1 && (span[0]!.kind === "identifier" || endsOperand(span[0]))) {
    return [span[0]!, { kind: "operator", text: "=" }, { kind: "number", text: "0" }];
  }
  const ops = comparisonsAt(span);
  if (ops.length !== 1) return null;
  const k = ops[0]!;
  const t = span[k]!;
  const before = span.slice(0, k);
  if (INVERSE[t.text]) return [...before, { kind: "operator", text: INVERSE[t.text]! }, ...span.slice(k + 1)];
  if (t.text === "is") {
    const negated = span[k + 1]?.text === "not";
    return [...before, t, ...(negated ? [] : [word("not")]), ...span.slice(negated ? k + 2 : k + 1)];
  }
  if (t.text === "not") return [...before, ...span.slice(k + 1)];
  if (NEGATABLE_KEYWORDS.has(t.text)) return [...before, word("not"), ...span.slice(k)];
  if (BANG_WRAPPED.has(t.text)) {
    return [{ kind: "operator", text: "!" }, PAREN_OPEN, ...span, PAREN_CLOSE];
  }
  return null;
}

/**
 * Positions of the comparison operators directly in `span` (precedence of `=` or
 * BETWEEN), counting `is not` and `not like`/`not in`/`not between` once, at their first
 * word. Any operator binding looser than a comparison makes the span not one comparison.
 */
function comparisonsAt(span: readonly Token[]): number[] {
  const found: number[] = [];
  let depth = 0;
  const state = { betweenOpen: 0 };
  for (let k = 0; k < span.length; k++) {
    const t = span[k]!;
    if (t.text === "(" || t.text === "case") depth++;
    else if (t.text === ")" || t.text === "end") depth--;
    else if (depth === 0) {
      const isBetweenAnd = t.text === "and" && state.betweenOpen > 0;
      const p = precedenceAt(span, k, state);
      if (p === null || isBetweenAnd || p > 6) continue;
      if (p < 5) return [];
      const continuesPrevious = (span[k - 1]?.text === "is" && t.text === "not") || span[k - 1]?.text === "not";
      if (!continuesPrevious) found.push(k);
    }
  }
  return found;
}
