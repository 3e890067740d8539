/**
 * A small PostgreSQL expression tokenizer and bracket tree, enough to put CHECK
 * expressions, index predicates and defaults into one canonical spelling. It is not a
 * parser: it knows literals, names, operators and brackets, and nothing of semantics.
 */

export type TokenKind = "word" | "name" | "string" | "number" | "op" | "comma" | "cast" | "type" | "other";

export interface Token {
  readonly kind: TokenKind;
  /** `word`: an unquoted name or keyword; `name`: a quoted or dotted identifier; `type`: a cast's target. */
  readonly text: string;
}

export interface Group {
  readonly kind: "group";
  readonly open: "(" | "[";
  readonly children: Node[];
}

export type Node = Token | Group;

const PATTERNS: readonly [TokenKind | "space" | "open" | "close", RegExp][] = [
  ["space", /^\s+/],
  ["space", /^--[^\n]*/],
  ["space", /^\/\*[\s\S]*?\*\//],
  ["string", /^[eE]'(?:[^'\\]|\\[\s\S]|'')*'/],
  ["string", /^'(?:[^']|'')*'/],
  ["name", /^(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*))+/],
  ["name", /^"(?:[^"]|"")*"/],
  ["word", /^[A-Za-z_][A-Za-z0-9_$]*/],
  ["number", /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/],
  ["cast", /^::/],
  ["comma", /^,/],
  ["open", /^[([]/],
  ["close", /^[)\]]/],
  ["op", /^[+\-*/<>=~!@#%^&|`?]+/],
  ["other", /^[^\s]/],
];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let rest = sql;
  while (rest.length > 0) {
    const [kind, text] = nextToken(rest);
    rest = rest.slice(text.length);
    if (kind === "space") continue;
    tokens.push({
      kind: kind === "open" || kind === "close" ? "other" : kind,
      text: kind === "name" ? text.replace(/\s+/g, "") : text,
    });
  }
  return tokens;
}

function nextToken(rest: string): [TokenKind | "space" | "open" | "close", string] {
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(rest);
    if (m) return [kind, kind === "op" ? trimOperator(m[0]) : m[0]];
  }
  return ["other", rest[0]!];
}

/**
 * PostgreSQL's lexer rule: a multi-character operator does not end in `+` or `-` unless it
 * also holds one of ~ ! @ # % ^ & | ` ?, so `a>-1` is `a > -1`.
 * https://www.postgresql.org/docs/15/sql-syntax-lexical.html#SQL-SYNTAX-OPERATORS
 */
function trimOperator(op: string): string {
  let text = op;
  while (text.length > 1 && /[+-]$/.test(text) && !/[~!@#%^&|`?]/.test(text)) text = text.slice(0, -1);
  return text;
}

/** Nests tokens by brackets. Unbalanced input is left flat rather than rejected. */
export function toTree(tokens: readonly Token[]): Node[] {
  const root: Node[] = [];
  const stack: { open: "(" | "["; children: Node[] }[] = [];
  let current = root;
  for (const t of tokens) {
    if (t.kind === "other" && (t.text === "(" || t.text === "[")) {
      const group = { open: t.text as "(" | "[", children: [] as Node[] };
      stack.push(group);
      current = group.children;
    } else if (t.kind === "other" && (t.text === ")" || t.text === "]") && stack.length > 0) {
      const done = stack.pop()!;
      current = stack.length > 0 ? stack[stack.length - 1]!.children : root;
      current.push({ kind: "group", open: done.open, children: done.children });
    } else {
      current.push(t);
    }
  }
  while (stack.length > 0) {
    const done = stack.pop()!;
    current = stack.length > 0 ? stack[stack.length - 1]!.children : root;
    current.push({ kind: "other", text: done.open }, ...done.children);
  }
  return root;
}

export const isGroup = (n: Node | undefined): n is Group => n !== undefined && n.kind === "group";
export const isWord = (n: Node | undefined, ...words: string[]): boolean =>
  n !== undefined && n.kind === "word" && (words.length === 0 || words.includes(n.text.toUpperCase()));
