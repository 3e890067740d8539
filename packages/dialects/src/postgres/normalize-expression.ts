import { scanRoles, type Role } from "./expression-roles";
import { parsePostgresType, renderPostgresType } from "./parse-type";
import { CURRENT_TIMESTAMP_SPELLINGS, MULTI_WORD_TYPES, RESERVED_WORDS, UPPER_KEYWORDS } from "./sql-keywords";
import { isGroup, isWord, tokenize, toTree, type Group, type Node, type Token } from "./sql-tokens";
import { POSTGRES_TEXT_TYPES } from "./type-synonyms";

/**
 * Canonical spelling of a CHECK expression, index predicate, index expression or
 * generated-column expression, so that the text a user or TypeORM wrote in DDL and the
 * text `pg_get_expr()` prints after the server stored it come out the same:
 * - keywords upper-case, unquoted names lower-case, needless identifier quotes dropped;
 * - casts that only restate a literal's type dropped (`'a'::text`, `'-1'::integer`,
 *   `(name)::text`, `ARRAY[...]::text[]`), other casts spelled with canonical type names;
 * - brackets that precedence makes redundant dropped, including the outer ones;
 * - `x IN (a, b)` spelled `x = ANY(ARRAY[a, b])` and `BETWEEN` expanded, as the server stores them;
 * - `now()` and `transaction_timestamp()` spelled `CURRENT_TIMESTAMP`.
 */
export function normalizePostgresExpression(sql: string): string {
  return render(normalizeNodes(toTree(tokenize(sql))));
}

export function normalizeNodes(list: readonly Node[]): Node[] {
  let nodes = list.map((n) => (isGroup(n) ? { ...n, children: normalizeNodes(n.children) } : canonicalWord(n)));
  nodes = patternOperators(nodes);
  nodes = mergeNegativeNumbers(nodes);
  nodes = castCallsAsOperators(nodes);
  nodes = canonicalCasts(nodes);
  nodes = canonicalTimestamps(nodes);
  nodes = rewriteInLists(nodes);
  nodes = rewriteBetween(nodes);
  nodes = stripRestatingCasts(nodes);
  return removeRedundantBrackets(nodes);
}

/** The server prints LIKE and ILIKE as their operators. */
const PATTERN_OPERATORS: Readonly<Record<string, readonly string[]>> = {
  "~~": ["LIKE"],
  "!~~": ["NOT", "LIKE"],
  "~~*": ["ILIKE"],
  "!~~*": ["NOT", "ILIKE"],
};

function patternOperators(list: Node[]): Node[] {
  return list.flatMap((n) =>
    n.kind === "op" && PATTERN_OPERATORS[(n as Token).text]
      ? PATTERN_OPERATORS[(n as Token).text]!.map((text): Node => ({ kind: "word", text }))
      : [n],
  );
}

function canonicalWord(t: Token): Token {
  if (t.kind === "word") {
    const upper = t.text.toUpperCase();
    return { kind: "word", text: UPPER_KEYWORDS.has(upper) ? upper : t.text.toLowerCase() };
  }
  if (t.kind === "name") {
    const parts = t.text.split(/\.(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(unquoteIfPlain);
    return parts.length === 1 && !parts[0]!.startsWith('"') ? { kind: "word", text: parts[0]! } : { kind: "name", text: parts.join(".") };
  }
  return t;
}

function unquoteIfPlain(part: string): string {
  if (!part.startsWith('"')) return part.toLowerCase();
  const inner = part.slice(1, -1);
  return /^[a-z_][a-z0-9_$]*$/.test(inner) && !RESERVED_WORDS.has(inner.toUpperCase()) ? inner : part;
}

const UNARY_CONTEXT = new Set(["AND", "OR", "NOT", "IS", "IN", "LIKE", "ILIKE", "BETWEEN", "WHEN", "THEN", "ELSE", "ESCAPE"]);

/** `- 1` in operand position becomes the single number `-1`, as `'-1'::integer` does below. */
function mergeNegativeNumbers(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const prev = out[out.length - 1];
    const operandPosition = !prev || prev.kind === "op" || prev.kind === "comma" || (prev.kind === "word" && UNARY_CONTEXT.has(prev.text));
    if (n.kind === "op" && n.text === "-" && operandPosition && list[i + 1]?.kind === "number") {
      out.push({ kind: "number", text: `-${(list[++i] as Token).text}` });
    } else out.push(n);
  }
  return out;
}

/** `CAST(x AS t)` is stored as `(x)::t`. */
function castCallsAsOperators(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const args = list[i + 1];
    const as = isGroup(args) ? args.children.findIndex((c) => isWord(c, "AS")) : -1;
    if (isWord(n, "CAST") && isGroup(args) && as > 0) {
      const typeWords = args.children.slice(as + 1).map((c) => (isGroup(c) || c.kind !== "word" ? c : { ...c, text: c.text.toLowerCase() }));
      out.push({ kind: "group", open: "(", children: args.children.slice(0, as) }, { kind: "cast", text: "::" }, ...typeWords);
      i++;
    } else out.push(n);
  }
  return out;
}

/** The words after `::` become one `type` token in canonical spelling (`varchar(20)`, `timestamptz`). */
function canonicalCasts(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    out.push(n);
    if (n.kind !== "cast") continue;
    const end = typeEnd(list, i + 1);
    if (end <= i + 1) continue;
    const text = list.slice(i + 1, end).map(renderNode).join(" ").replace(/ \(/, "(").replace(/ \[/g, "[");
    out.push({ kind: "type", text: renderPostgresType(parsePostgresType(text)) });
    i = end - 1;
  }
  return out;
}

function typeEnd(list: readonly Node[], start: number): number {
  const first = list[start];
  if (!first || (first.kind !== "word" && first.kind !== "name")) return start;
  let i = start + 1;
  const words = [first.text.toLowerCase()];
  if (isGroup(list[i]) && (list[i] as Group).open === "(") i++;
  const multi = MULTI_WORD_TYPES.find((m) => m[0] === words[0] && m.slice(1).every((w, k) => isWord(list[i + k]) && (list[i + k] as Token).text.toLowerCase() === w));
  if (multi) i += multi.length - 1;
  if (multi && isGroup(list[i]) && (list[i] as Group).open === "(") i++;
  while (isGroup(list[i]) && (list[i] as Group).open === "[" && (list[i] as Group).children.length === 0) i++;
  return i;
}

function canonicalTimestamps(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const next = list[i + 1];
    if (n.kind === "word" && CURRENT_TIMESTAMP_SPELLINGS.has(n.text) && isGroup(next) && next.children.length === 0) {
      out.push({ kind: "word", text: "CURRENT_TIMESTAMP" });
      i++;
    } else out.push(n);
  }
  return out;
}

/** The server stores `x IN (a, b)` as `x = ANY (ARRAY[a, b])` and `NOT IN` as `<> ALL (...)`. */
function rewriteInLists(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const values = list[i + 1];
    if (isWord(n, "IN") && isGroup(values) && values.open === "(" && !isWord(values.children[0], "SELECT", "VALUES", "WITH")) {
      const negated = isWord(out[out.length - 1], "NOT");
      if (negated) out.pop();
      const array: Group = { kind: "group", open: "[", children: values.children };
      out.push(
        { kind: "op", text: negated ? "<>" : "=" },
        { kind: "word", text: negated ? "ALL" : "ANY" },
        { kind: "group", open: "(", children: [{ kind: "word", text: "ARRAY" }, array] },
      );
      i++;
    } else out.push(n);
  }
  return out;
}

const BOUNDARY = (n: Node | undefined) => n === undefined || n.kind === "comma" || isWord(n, "AND", "OR", "NOT", "WHEN", "THEN", "ELSE");

/** The server stores `x BETWEEN a AND b` as `x >= a AND x <= b` (and NOT BETWEEN as `x < a OR x > b`). */
function rewriteBetween(list: Node[]): Node[] {
  for (let i = 1; i < list.length; i++) {
    const negated = isWord(list[i], "NOT") && isWord(list[i + 1], "BETWEEN");
    const at = negated ? i + 1 : i;
    if (!isWord(list[at], "BETWEEN")) continue;
    const [x, a, and, b] = [list[i - 1]!, list[at + 1], list[at + 2], list[at + 3]];
    if (!a || !b || !isWord(and, "AND") || !BOUNDARY(list[i - 2]) || !BOUNDARY(list[at + 4]) || isWord(a, "SYMMETRIC")) continue;
    const [low, high, join] = negated ? ["<", ">", "OR"] : [">=", "<=", "AND"];
    const expanded: Group = {
      kind: "group",
      open: "(",
      children: [x, { kind: "op", text: low }, a, { kind: "word", text: join }, x, { kind: "op", text: high }, b],
    };
    return rewriteBetween([...list.slice(0, i - 1), expanded, ...list.slice(at + 4)]);
  }
  return list;
}

const isTextType = (type: string) => POSTGRES_TEXT_TYPES.has(parsePostgresType(type).name);
const isIdentifier = (n: Node | undefined) => (n?.kind === "word" && !UPPER_KEYWORDS.has(n.text)) || n?.kind === "name";

/**
 * Drops casts that only restate what a literal or name already is. The server adds them
 * when it resolves types: `'a'::text`, `(col)::text` for a varchar column passed to a text
 * function, `ARRAY['a'::character varying]::text[]`, and `'-1'::integer` for a negative number.
 */
function stripRestatingCasts(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const cast = list[i + 1];
    const type = list[i + 2];
    if (cast?.kind !== "cast" || type?.kind !== "type") {
      out.push(n);
      continue;
    }
    const subject = isGroup(n) && n.open === "(" && n.children.length === 1 ? n.children[0]! : n;
    const bracketedArray = isGroup(n) && n.open === "(" && isArrayConstructor(n, undefined);
    const prev = out[out.length - 1];
    if (NUMERIC_CASTS.has(type.text) && isWideningContext(subject, n, prev, list[i + 3])) {
      out.push(n);
      i += 2;
    } else if (subject.kind === "string" && naturalNumberType(subject.text) === type.text) {
      out.push({ kind: "number", text: subject.text.slice(1, -1) });
      i += 2;
    } else if (isTextType(type.text) && (subject.kind === "string" || (isIdentifier(subject) && !isGroup(list[i + 3])))) {
      out.push(subject);
      i += 2;
    } else if (type.text.endsWith("[]") && isTextType(type.text) && (bracketedArray || isArrayConstructor(n, prev))) {
      out.push(...(bracketedArray ? (n as Group).children : [n]));
      i += 2;
    } else out.push(n);
  }
  return out;
}

/**
 * The server stores `score >= 0` on a numeric column as `score >= 0::numeric`, and
 * `qty + price` (integer plus numeric) as `qty::numeric + price`: it folds the implicit
 * widening of the integer side into the text. Next to a comparison, `+`, `-` or `*` such a
 * cast changes no value, so it is dropped there; next to `/`, `%` or `^` it can
 * (`qty::numeric / 2` is 2.5 where `qty / 2` is 2) and it stays. A number literal's cast
 * comes from that coercion alone, so it goes next to any operator, unless it is a dividend.
 */
const NUMERIC_CASTS = new Set(["numeric", "real", "double precision", "bigint"]);
const WIDENING_NEIGHBOURS = new Set(["=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*"]);

function isWideningContext(subject: Node, n: Node, prev: Node | undefined, next: Node | undefined): boolean {
  const operator = (x: Node | undefined) => x?.kind === "op";
  // A number literal is cast only by the server's coercion: DDL says `3`, not `3::numeric`.
  // As a dividend it may be what makes the division exact (`1::numeric / 3`): it stays there.
  if (subject.kind === "number") {
    const dividend = operator(next) && ["/", "%", "^"].includes((next as Token).text);
    return (operator(prev) || operator(next)) && !dividend && next?.kind !== "cast";
  }
  const castable = isIdentifier(subject) || (isGroup(n) && n.open === "(");
  const widening = (x: Node | undefined) => operator(x) && WIDENING_NEIGHBOURS.has((x as Token).text);
  const harmless = (x: Node | undefined) => x === undefined || x.kind === "comma" || isWord(x, "AND", "OR", "THEN", "ELSE", "WHEN", "END") || widening(x);
  return castable && (widening(prev) || widening(next)) && harmless(prev) && harmless(next);
}

function isArrayConstructor(subject: Node, prev: Node | undefined): boolean {
  if (isGroup(subject) && subject.open === "(") return isWord(subject.children[0], "ARRAY") && isGroup(subject.children[1]) && subject.children.length === 2;
  return isGroup(subject) && subject.open === "[" && isWord(prev, "ARRAY");
}

/** The type PostgreSQL gives an unquoted numeric literal: `-1` is integer, `1.5` numeric. */
export function naturalNumberType(quoted: string): string | null {
  const text = quoted.startsWith("'") ? quoted.slice(1, -1) : quoted;
  if (/^-?\d+$/.test(text)) {
    const value = BigInt(text);
    if (value >= -2147483648n && value <= 2147483647n) return "integer";
    return value >= -9223372036854775808n && value <= 9223372036854775807n ? "bigint" : "numeric";
  }
  return /^-?(?:\d+\.\d*|\.\d+)$/.test(text) ? "numeric" : null;
}

function removeRedundantBrackets(list: Node[]): Node[] {
  for (let changed = true; changed; ) {
    changed = false;
    const roles = scanRoles(list);
    if (!roles) return list;
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      if (isGroup(n) && n.open === "(" && roles[i]!.kind === "operand" && canUnwrap(n, roles[i - 1], roles[i + 1])) {
        list = [...list.slice(0, i), ...n.children, ...list.slice(i + 1)];
        changed = true;
        break;
      }
    }
  }
  return list;
}

function canUnwrap(group: Group, left: Role | undefined, right: Role | undefined): boolean {
  const inner = group.children;
  if (inner.length === 0 || isWord(inner[0], "SELECT", "VALUES", "WITH")) return false;
  const roles = scanRoles(inner);
  if (!roles || roles.some((r, k) => r.kind === "syntax" && inner[k]!.kind === "comma")) return false;
  const ops = roles.filter((r): r is Extract<Role, { kind: "op" }> => r.kind === "op");
  const loosest = Math.min(...ops.map((o) => o.precedence));
  const loosestOps = new Set(ops.filter((o) => o.precedence === loosest).map((o) => o.text));
  const single = inner.length === 1 ? inner[0]! : undefined;
  if (single?.kind === "number" && (single as Token).text.startsWith("-") && right?.kind === "op") return false;
  const fits = (n: Role | undefined, side: "left" | "right") => {
    if (n?.kind !== "op") return true;
    if ((side === "left" && n.position === "postfix") || (side === "right" && n.position === "prefix")) return true;
    if (loosest > n.precedence) return true;
    if (loosest < n.precedence) return false;
    if ((n.text === "AND" || n.text === "OR") && loosestOps.size === 1 && loosestOps.has(n.text)) return true;
    return side === "right" && n.leftAssociative && n.position === "infix" && [...loosestOps].every((o) => o !== "AND" && o !== "OR");
  };
  return fits(left, "left") && fits(right, "right");
}

function renderNode(n: Node): string {
  return isGroup(n) ? `${n.open}${render(n.children)}${n.open === "(" ? ")" : "]"}` : n.text;
}

export function render(list: readonly Node[]): string {
  const roles = scanRoles(list);
  let out = "";
  list.forEach((n, i) => {
    const prev = list[i - 1];
    if (prev && needsSpace(prev, n, roles?.[i - 1], roles?.[i])) out += " ";
    out += renderNode(n);
  });
  return out;
}

function needsSpace(prev: Node, n: Node, prevRole: Role | undefined, role: Role | undefined): boolean {
  if (n.kind === "comma" || n.kind === "cast" || prev.kind === "cast") return false;
  if (isGroup(n) && n.open === "[" && role?.kind === "syntax") return false;
  if (isGroup(n) && n.open === "(" && (prev.kind === "word" || prev.kind === "name") && !UPPER_KEYWORDS.has(prev.text)) return false;
  if (isGroup(n) && n.open === "(" && isWord(prev, "ANY", "ALL", "SOME", "ARRAY", "EXISTS", "CAST", "CURRENT_TIMESTAMP", "CURRENT_TIME", "LOCALTIME", "LOCALTIMESTAMP")) return false;
  if (prevRole?.kind === "op" && prevRole.position === "prefix" && prev.kind === "op") return false;
  return true;
}
