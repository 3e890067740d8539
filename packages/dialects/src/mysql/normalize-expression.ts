import {
  BOUNDARY_KEYWORDS,
  FUNCTION_SYNONYMS,
  NILADIC_FUNCTIONS,
  OPERATOR_SYNONYMS,
  PREFIX_NOT_PRECEDENCE,
  UNARY_PRECEDENCE,
} from "./expression-synonyms";
import { invertNegations } from "./negation";
import { closing, endsOperand, precedenceAt, UNARY } from "./precedence";
import { tokenize, type Token } from "./sql-tokens";

/**
 * Canonical spelling of a MySQL/MariaDB expression, so that what a user or TypeORM wrote
 * (`CHECK (a > 0 AND (b < 5))`) and what the server stored (`` `a` > 0 and `b` < 5 ``)
 * compare equal: identifiers unquoted and lowercased (column names are case-insensitive),
 * keywords lowercased, strings re-quoted one way, the server's synonyms applied,
 * redundant parentheses dropped, one spacing.
 *
 * NOT applied to one comparison is inverted as the server does (negation.ts).
 * Not undone (other semantic rewrites of the server): De Morgan on NOT (a AND b),
 * `date(d)` → `cast(d as date)`, hex/bit literals in CHECKs, implicit charsets in CAST.
 */
export function normalizeMysqlExpression(expression: string): string {
  const tokens = dropRedundantParens(invertNegations(dropRedundantParens(canonicalTokens(tokenize(expression)))));
  return render(tokens);
}

const call = (name: string): Token[] => [
  { kind: "word", text: name },
  { kind: "punct", text: "(" },
  { kind: "punct", text: ")" },
];

function canonicalTokens(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const isCall = next?.text === "(";
    if (t.kind === "word" && isCall && FUNCTION_SYNONYMS.has(t.text)) {
      out.push({ kind: "word", text: FUNCTION_SYNONYMS.get(t.text)! });
    } else if (t.kind === "word" && !isCall && NILADIC_FUNCTIONS.has(t.text) && out.at(-1)?.text !== ".") {
      out.push(...call(NILADIC_FUNCTIONS.get(t.text)!));
    } else if ((t.kind === "word" || t.kind === "operator") && OPERATOR_SYNONYMS.has(t.text) && !isTruthTest(out, t)) {
      const text = OPERATOR_SYNONYMS.get(t.text)!;
      out.push({ kind: /^[a-z0-9]/.test(text) ? (/^\d/.test(text) ? "number" : "word") : "operator", text });
    } else {
      out.push(t);
    }
  }
  return out;
}

/** `x IS [NOT] TRUE` keeps its keyword: `is 1` would not parse. */
function isTruthTest(before: readonly Token[], t: Token): boolean {
  if (t.text !== "true" && t.text !== "false") return false;
  const prev = before.at(-1)?.text;
  return prev === "is" || (prev === "not" && before.at(-2)?.text === "is");
}

/** Lowest precedence among the operators directly inside (open, close): Infinity if none. */
function innerPrecedence(
  tokens: readonly Token[],
  open: number,
  close: number,
): { prec: number; ops: Set<string> } | null {
  let depth = 0;
  let prec = Infinity;
  const ops = new Set<string>();
  const state = { betweenOpen: 0 };
  for (let k = open + 1; k < close; k++) {
    const t = tokens[k]!;
    if (t.text === "(" || t.text === "case") depth++;
    else if (t.text === ")" || t.text === "end") depth--;
    else if (depth === 0) {
      if (t.text === ",") return null;
      const p = precedenceAt(tokens, k, state);
      if (p !== null && p <= prec) {
        if (p < prec) ops.clear();
        prec = p;
        ops.add(t.text);
      }
    }
  }
  return { prec, ops };
}

const ASSOCIATIVE = new Set(["and", "or", "xor"]);

/** The precedence an outside neighbour imposes; -Infinity for `(`, `,`, CASE keywords, edges. */
function neighbourPrecedence(tokens: readonly Token[], k: number): number | null {
  const t = tokens[k];
  if (!t || t.text === "(" || t.text === ")" || t.text === "," || BOUNDARY_KEYWORDS.has(t.text)) return -Infinity;
  const state = { betweenOpen: t.text === "and" ? countOpenBetweens(tokens, k) : 0 };
  return precedenceAt(tokens, k, state);
}

function countOpenBetweens(tokens: readonly Token[], k: number): number {
  let open = 0;
  for (let i = 0; i < k; i++) {
    if (tokens[i]!.text === "between") open++;
    else if (tokens[i]!.text === "and" && open > 0) open--;
  }
  return open;
}

function removable(tokens: readonly Token[], open: number, close: number): boolean {
  const before = tokens[open - 1];
  // A call's or an IN list's parentheses are syntax, not grouping.
  if (before && (endsOperand(before) || before.text === "in" || before.kind === "identifier")) return false;
  if (close === open + 1) return false;
  const inner = innerPrecedence(tokens, open, close);
  if (!inner) return false;
  const left = neighbourPrecedence(tokens, open - 1);
  const right = neighbourPrecedence(tokens, close + 1);
  if (left === null || right === null) return false;
  if (inner.prec > left && inner.prec > right) return true;
  // a and (b and c), (a + b) - c: same operator family on a side where order does not matter.
  const sameLogical = inner.ops.size === 1 && ASSOCIATIVE.has([...inner.ops][0]!);
  if (sameLogical && inner.prec >= left && inner.prec >= right) {
    const op = [...inner.ops][0]!;
    return [tokens[open - 1]?.text, tokens[close + 1]?.text].every((n) => n === op || !ASSOCIATIVE.has(n ?? ""));
  }
  const leftAssociative = inner.prec >= PREFIX_NOT_PRECEDENCE + 2 && inner.prec < UNARY_PRECEDENCE;
  return leftAssociative && inner.prec > left && inner.prec === right;
}

function dropRedundantParens(input: Token[]): Token[] {
  let tokens = input;
  for (let changed = true; changed;) {
    changed = false;
    for (let open = 0; open < tokens.length; open++) {
      if (tokens[open]!.text !== "(") continue;
      const close = closing(tokens, open);
      if (close > 0 && removable(tokens, open, close)) {
        tokens = [...tokens.slice(0, open), ...tokens.slice(open + 1, close), ...tokens.slice(close + 1)];
        changed = true;
        break;
      }
    }
  }
  return tokens;
}

function render(tokens: readonly Token[]): string {
  let out = "";
  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    if (prev && needsSpace(prev, t, tokens[k - 2])) out += " ";
    out +=
      t.kind === "identifier" && !/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(t.text)
        ? `\`${t.text.replace(/`/g, "``")}\``
        : t.text;
  });
  return out;
}

function needsSpace(prev: Token, t: Token, beforePrev: Token | undefined): boolean {
  if (prev.text === "(" || prev.text === "," || prev.text === "." || t.text === "." || t.text === ")" || t.text === ",")
    return false;
  if (t.text === "(" && (prev.kind === "identifier" || (prev.kind === "word" && endsOperand(prev)))) return false;
  const prevIsUnary = prev.kind === "operator" && UNARY.has(prev.text) && !endsOperand(beforePrev);
  return !prevIsUnary;
}
