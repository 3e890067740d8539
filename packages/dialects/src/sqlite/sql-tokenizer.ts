/**
 * A small SQLite tokenizer: enough to find clauses in the CREATE TABLE / CREATE INDEX
 * text that `sqlite_master` keeps, and to render expressions canonically. It respects
 * every quoting form SQLite accepts (https://www.sqlite.org/lang_keywords.html):
 * 'string' with '' escapes, "identifier" with "" escapes, `identifier`, [identifier],
 * plus -- and /* comments, which it drops.
 */

export type TokenKind =
  /** A bare word: keyword or unquoted identifier. */
  | "word"
  /** A quoted identifier; `value` holds the unquoted name. */
  | "quoted"
  /** A string literal; `text` keeps the quotes and escapes. */
  | "string"
  | "number"
  /** A blob literal such as X'00ff'. */
  | "blob"
  /** A bind parameter (?, ?1, :name, @name, $name). */
  | "parameter"
  | "open"
  | "close"
  | "comma"
  /** Any other operator or punctuation (`=`, `<>`, `||`, `.`, `;`, ...). */
  | "operator";

export interface Token {
  readonly kind: TokenKind;
  /** The token as written in the source. */
  readonly text: string;
  /** Identifier name for words and quoted identifiers; the text otherwise. */
  readonly value: string;
  /** Offsets in the source, for slicing the original text of a clause. */
  readonly start: number;
  readonly end: number;
  /** The upper-cased word for a bare word (keywords are matched case-insensitively), else `null`. */
  readonly keyword: string | null;
}

const TWO_CHAR_OPERATORS = new Set(["<>", "<=", ">=", "==", "!=", "||", "<<", ">>", "->"]);

export class SqlTokenizeError extends Error {}

// Character classes by code: SQLite's own tokenizer is ASCII-driven, with every
// character >= 0x80 allowed in identifiers (https://www.sqlite.org/src/file/src/tokenize.c).
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => ((c | 32) >= 97 && (c | 32) <= 122) || c === 95 || c >= 128;
const isIdentifierPart = (c: number): boolean => isLetter(c) || isDigit(c) || c === 36;

/** Scanning is by character code, without a regular expression per character: large schemas have megabytes of DDL. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end, keyword: kind === "word" ? text.toUpperCase() : null });
  };
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    const next = i + 1 < n ? sql.charCodeAt(i + 1) : -1;
    const start = i;
    if (isSpace(c)) {
      i++;
    } else if (c === 45 /* - */ && next === 45) {
      const eol = sql.indexOf("\n", i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === 47 /* / */ && next === 42 /* * */) {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === 39 /* ' */) {
      i = scanQuoted(sql, i, "'");
      push("string", start, i);
    } else if (c === 34 /* " */ || c === 96 /* ` */) {
      const quote = sql[i];
      i = scanQuoted(sql, i, quote);
      push("quoted", start, i, sql.slice(start + 1, i - 1).replaceAll(quote + quote, quote));
    } else if (c === 91 /* [ */) {
      const close = sql.indexOf("]", i + 1);
      if (close < 0) throw new SqlTokenizeError(`unterminated [identifier] at offset ${i}`);
      i = close + 1;
      push("quoted", start, i, sql.slice(start + 1, close));
    } else if ((c | 32) === 120 /* x */ && next === 39) {
      i = scanQuoted(sql, i + 1, "'");
      push("blob", start, i);
    } else if (isDigit(c) || (c === 46 /* . */ && isDigit(next))) {
      i = scanNumber(sql, i);
      push("number", start, i);
    } else if (isLetter(c)) {
      i++;
      while (i < n && isIdentifierPart(sql.charCodeAt(i))) i++;
      push("word", start, i);
    } else if (c === 63 /* ? */ || ((c === 58 || c === 64 || c === 36) /* : @ $ */ && isIdentifierPart(next))) {
      i++;
      while (i < n && isIdentifierPart(sql.charCodeAt(i))) i++;
      push("parameter", start, i);
    } else if (c === 40) {
      push("open", start, ++i);
    } else if (c === 41) {
      push("close", start, ++i);
    } else if (c === 44) {
      push("comma", start, ++i);
    } else {
      const two = sql.slice(i, i + 2);
      i += two === "->" && sql[i + 2] === ">" ? 3 : TWO_CHAR_OPERATORS.has(two) ? 2 : 1;
      push("operator", start, i);
    }
  }
  return tokens;
}

/** End offset (exclusive) of a quoted run starting at `start`; a doubled quote is an escape. */
function scanQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  throw new SqlTokenizeError(`unterminated ${quote}quoted${quote} text at offset ${start}`);
}

const HEX_NUMBER = /0[xX][0-9a-fA-F]+/y;
const DECIMAL_NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

/** Sticky patterns match at `start` without copying the rest of the statement. */
function scanNumber(sql: string, start: number): number {
  for (const pattern of [HEX_NUMBER, DECIMAL_NUMBER]) {
    pattern.lastIndex = start;
    if (pattern.test(sql)) return pattern.lastIndex;
  }
  return start + 1;
}

/** The keyword a token spells, upper-cased; `null` for anything but a bare word. */
export function keyword(token: Token | undefined): string | null {
  return token?.keyword ?? null;
}

/** Index of the `close` token matching the `open` token at `openIndex`. */
export function matchingClose(tokens: readonly Token[], openIndex: number): number {
  let depth = 0;
  for (let i = openIndex; i < tokens.length; i++) {
    if (tokens[i].kind === "open") depth++;
    else if (tokens[i].kind === "close" && --depth === 0) return i;
  }
  throw new SqlTokenizeError("unbalanced parentheses");
}

/** Splits tokens at top-level commas (commas inside parentheses stay in their part). */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === "open") depth++;
    else if (t.kind === "close") depth--;
    if (t.kind === "comma" && depth === 0) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.filter((p) => p.length > 0);
}
