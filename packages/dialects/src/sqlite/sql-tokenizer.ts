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
}

const TWO_CHAR_OPERATORS = new Set(["<>", "<=", ">=", "==", "!=", "||", "<<", ">>", "->"]);
const IDENTIFIER_START = /[A-Za-z_\u0080-\uffff]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export class SqlTokenizeError extends Error {}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      const eol = sql.indexOf("\n", i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (c === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'") {
      const end = scanQuoted(sql, i, "'");
      push("string", i, end);
      i = end;
    } else if (c === '"' || c === "`") {
      const end = scanQuoted(sql, i, c);
      push(
        "quoted",
        i,
        end,
        sql
          .slice(i + 1, end - 1)
          .split(c + c)
          .join(c),
      );
      i = end;
    } else if (c === "[") {
      const close = sql.indexOf("]", i + 1);
      if (close < 0) throw new SqlTokenizeError(`unterminated [identifier] at offset ${i}`);
      push("quoted", i, close + 1, sql.slice(i + 1, close));
      i = close + 1;
    } else if ((c === "x" || c === "X") && next === "'") {
      const end = scanQuoted(sql, i + 1, "'");
      push("blob", i, end);
      i = end;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(next ?? ""))) {
      const end = scanNumber(sql, i);
      push("number", i, end);
      i = end;
    } else if (IDENTIFIER_START.test(c)) {
      let end = i + 1;
      while (end < sql.length && IDENTIFIER_PART.test(sql[end])) end++;
      push("word", i, end);
      i = end;
    } else if (c === "?" || ((c === ":" || c === "@" || c === "$") && IDENTIFIER_PART.test(next ?? ""))) {
      let end = i + 1;
      while (end < sql.length && IDENTIFIER_PART.test(sql[end])) end++;
      push("parameter", i, end);
      i = end;
    } else if (c === "(") {
      push("open", i, ++i);
    } else if (c === ")") {
      push("close", i, ++i);
    } else if (c === ",") {
      push("comma", i, ++i);
    } else {
      const two = sql.slice(i, i + 2);
      const width = two === "->" && sql[i + 2] === ">" ? 3 : TWO_CHAR_OPERATORS.has(two) ? 2 : 1;
      push("operator", i, i + width);
      i += width;
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

function scanNumber(sql: string, start: number): number {
  const hex = /^0[xX][0-9a-fA-F]+/.exec(sql.slice(start));
  if (hex) return start + hex[0].length;
  const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(start));
  return start + (m ? m[0].length : 1);
}

/** The keyword a token spells, upper-cased; `null` for anything but a bare word. */
export function keyword(token: Token | undefined): string | null {
  return token?.kind === "word" ? token.value.toUpperCase() : null;
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
