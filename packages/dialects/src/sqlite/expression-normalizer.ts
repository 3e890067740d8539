import { matchingClose, tokenize, type Token } from "./sql-tokenizer";
import { CALL_KEYWORDS, SQLITE_KEYWORDS } from "./sqlite-keywords";

/**
 * The canonical spelling of a SQLite expression, so that the same expression written by
 * TypeORM, by a user, or read back from `sqlite_master`/`PRAGMA table_info` compares equal:
 * - comments and whitespace do not matter: tokens are re-joined with single spaces
 *   (none inside parentheses, before commas or after a unary sign or a function name);
 * - redundant parentheses around the whole expression or a single operand are dropped;
 * - identifiers lose quotes they do not need ("a", `a`, [a] → a), keywords are
 *   upper-case, function names lower-case (SQLite resolves both case-insensitively);
 * - collation names after COLLATE are upper-case and unquoted;
 * - `==` is `=`, `!=` is `<>`; numbers are written in their shortest decimal form
 *   (`+1`, `1.0`, `0x1` → `1`). TypeORM writes defaults as JS numbers, which never keep
 *   `.0`; the price is that `1.0` and `1` on a TEXT-affinity column look alike.
 * It is not a parser: `a AND (b OR c)` keeps its meaningful parentheses, and an
 * expression written with different operator grouping stays different.
 */
export function canonicalExpression(sql: string): string {
  let canonical = memo.get(sql);
  if (canonical === undefined) {
    canonical = render(unwrapOperands(stripWrappingParens(tokenize(sql))));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(sql, canonical);
  }
  return canonical;
}

/**
 * Schemas repeat the same few defaults and checks across tables (`CURRENT_TIMESTAMP`,
 * `0`, `datetime('now')`), so a small bounded cache of this pure function saves
 * most of the tokenizing on large schemas.
 */
const memo = new Map<string, string>();
const MEMO_LIMIT = 4096;

function stripWrappingParens(tokens: readonly Token[]): readonly Token[] {
  let t = tokens;
  while (t.length >= 2 && t[0].kind === "open" && matchingClose(t, 0) === t.length - 1) t = t.slice(1, -1);
  return t;
}

/** `(x)` → `x` for a single operand, unless the parentheses are a call's or an IN list's. */
function unwrapOperands(tokens: readonly Token[]): readonly Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const isAtomGroup = t.kind === "open" && tokens[i + 2]?.kind === "close" && isOperand(tokens[i + 1]);
    if (isAtomGroup && !callsOrLists(out[out.length - 1])) {
      out.push(tokens[i + 1]);
      i += 2;
    } else out.push(t);
  }
  return out;
}

function isOperand(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    (t.kind === "word" || t.kind === "quoted" || t.kind === "string" || t.kind === "number" || t.kind === "blob")
  );
}

/** Parentheses right after a name or IN/CAST belong to it. */
function callsOrLists(previous: Token | undefined): boolean {
  if (!previous) return false;
  if (previous.kind === "quoted") return true;
  if (previous.kind !== "word") return false;
  const upper = previous.keyword ?? "";
  return !SQLITE_KEYWORDS.has(upper) || upper === "IN" || CALL_KEYWORDS.has(upper);
}

function render(tokens: readonly Token[]): string {
  let out = "";
  let previous: Token | undefined;
  let previousUnary = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const text = previous?.keyword === "COLLATE" ? collationName(t) : spell(t, tokens[i + 1]);
    const unary = t.kind === "operator" && (t.text === "-" || t.text === "+") && startsOperand(previous);
    if (unary && t.text === "+" && tokens[i + 1]?.kind === "number") continue; // +1 is 1
    if (previous && needsSpace(previous, t, previousUnary)) out += " ";
    out += text;
    previous = t;
    previousUnary = unary;
  }
  return out;
}

/** A sign is unary at the start, after `(`, `,`, another operator or a keyword. */
function startsOperand(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === "open" || previous.kind === "comma" || previous.kind === "operator") return true;
  return previous.kind === "word" && SQLITE_KEYWORDS.has(previous.keyword ?? "") && !isValueKeyword(previous);
}

function isValueKeyword(t: Token): boolean {
  return /^(NULL|TRUE|FALSE|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME)$/i.test(t.value);
}

function needsSpace(previous: Token, t: Token, previousUnary: boolean): boolean {
  if (previousUnary || previous.kind === "open" || t.kind === "close" || t.kind === "comma") return false;
  if (t.text === "." || previous.text === ".") return false;
  if (t.kind === "open") return !callsOrLists(previous) || /^IN$/i.test(previous.value);
  return true;
}

/** Collation names are case-insensitive; upper-case matches how the built-in ones are documented. */
function collationName(t: Token): string {
  return t.kind === "word" || t.kind === "quoted" ? t.value.toUpperCase() : t.text;
}

function spell(t: Token, next: Token | undefined): string {
  switch (t.kind) {
    case "word": {
      const upper = t.keyword ?? "";
      if (SQLITE_KEYWORDS.has(upper)) return upper;
      return next?.kind === "open" ? t.value.toLowerCase() : t.value;
    }
    case "quoted":
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.value) && !SQLITE_KEYWORDS.has(t.value.toUpperCase())
        ? t.value
        : `"${t.value.replace(/"/g, '""')}"`;
    case "number":
      return canonicalNumber(t.text);
    case "blob":
      return `X${t.text.slice(1).toLowerCase()}`;
    case "operator":
      return t.text === "==" ? "=" : t.text === "!=" ? "<>" : t.text;
    default:
      return t.text;
  }
}

const MAX_INTEGER = 0x7fffffffffffffffn;

function canonicalNumber(text: string): string {
  // A hex literal above 0x7fffffffffffffff wraps to a negative integer in SQLite: keep it as written.
  if (/^0x/i.test(text)) return BigInt(text) <= MAX_INTEGER ? BigInt(text).toString() : text.toLowerCase();
  if (/^[0-9]+$/.test(text)) return BigInt(text).toString();
  const value = Number(text);
  return Number.isFinite(value) ? String(value) : text;
}
