/**
 * A small tokenizer for MySQL/MariaDB expressions (defaults, CHECK clauses, generated
 * columns). It knows just enough of the lexical grammar to compare two spellings of one
 * expression: string literals with both quote styles and both escape styles, backquoted
 * identifiers, charset introducers, multi-character operators.
 * https://mariadb.com/kb/en/string-literals/ · https://dev.mysql.com/doc/refman/8.0/en/string-literals.html
 */

export type TokenKind = "string" | "number" | "word" | "identifier" | "operator" | "punct" | "literal";

export interface Token {
  readonly kind: TokenKind;
  /** Canonical text: words lowercased, strings re-quoted, identifiers unquoted and lowercased. */
  readonly text: string;
}

const OPERATORS = ["<=>", "->>", "<=", ">=", "<>", "!=", "<<", ">>", "&&", "||", ":=", "->"];
const SINGLE_OPERATORS = "=<>+-*/%^&|~!";
const PUNCT = "(),.;";
const WORD_CHAR = /[\p{L}\p{N}_$]/u;

/** `'it''s'` with `''` doubling: the one quoting retort uses for every string literal. */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** Reads a quoted run starting at `start` (the opening quote); returns its value and end. */
function readQuoted(sql: string, start: number, backslashEscapes: boolean): { value: string; end: number } {
  const quote = sql[start];
  let value = "";
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (backslashEscapes && ch === "\\" && i + 1 < sql.length) {
      value += unescape(sql[i + 1]!);
      i += 2;
    } else if (ch === quote) {
      if (sql[i + 1] === quote) {
        value += quote;
        i += 2;
      } else {
        return { value, end: i + 1 };
      }
    } else {
      value += ch;
      i++;
    }
  }
  return { value, end: i };
}

const ESCAPES: Record<string, string> = { "0": "\0", n: "\n", r: "\r", t: "\t", b: "\b", Z: "\x1a" };
function unescape(ch: string): string {
  return ESCAPES[ch] ?? ch;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const { value, end } = readQuoted(sql, i, true);
      tokens.push({ kind: "string", text: quoteString(value) });
      i = end;
      continue;
    }
    if (ch === "`") {
      const { value, end } = readQuoted(sql, i, false);
      tokens.push({ kind: "identifier", text: value.toLowerCase() });
      i = end;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      const m = /^(0x[0-9a-f]+|0b[01]+|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)/i.exec(sql.slice(i))!;
      if (!WORD_CHAR.test(sql[i + m[0].length] ?? "")) {
        tokens.push({ kind: "number", text: m[0].toLowerCase() });
        i += m[0].length;
        continue;
      }
    }
    if (WORD_CHAR.test(ch)) {
      let j = i;
      while (j < sql.length && WORD_CHAR.test(sql[j]!)) j++;
      const word = sql.slice(i, j);
      const lower = word.toLowerCase();
      if (sql[j] === "'") {
        // Introducers: _utf8mb4'x', N'x' (national), X'41' (hex), B'01' (bit).
        const { value, end } = readQuoted(sql, j, !/^[xb]$/.test(lower));
        if (lower === "x" || lower === "b") tokens.push({ kind: "literal", text: `${lower}'${value.toLowerCase()}'` });
        else tokens.push({ kind: "string", text: quoteString(value) });
        i = end;
        continue;
      }
      tokens.push({ kind: "word", text: lower });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    if (op) {
      tokens.push({ kind: "operator", text: op });
      i += op.length;
      continue;
    }
    if (SINGLE_OPERATORS.includes(ch)) tokens.push({ kind: "operator", text: ch });
    else if (PUNCT.includes(ch)) tokens.push({ kind: "punct", text: ch });
    else tokens.push({ kind: "operator", text: ch });
    i++;
  }
  return tokens;
}

/** The values of a quoted list such as an ENUM's `'a','b''c'`. */
export function parseStringList(list: string): string[] {
  const values: string[] = [];
  let i = 0;
  while (i < list.length) {
    const ch = list[i]!;
    if (ch === "'" || ch === '"') {
      const { value, end } = readQuoted(list, i, true);
      values.push(value);
      i = end;
    } else {
      i++;
    }
  }
  return values;
}

/** The value of one string literal (`'it''s'`, `"x"`, `_utf8mb4'x'`), or null if it is none. */
export function parseStringLiteral(sql: string): string | null {
  const tokens = tokenize(sql);
  if (tokens.length !== 1 || tokens[0]!.kind !== "string") return null;
  return parseStringList(tokens[0]!.text)[0] ?? "";
}
