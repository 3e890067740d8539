import { CURRENT_TIMESTAMP_SPELLINGS, RESERVED_WORDS, UPPER_KEYWORDS } from "./sql-keywords";
import { isGroup, isWord, type Group, type Node, type Token } from "./sql-tokens";

/*
 * Rewrites that turn what DDL may say into what the server stores and prints, each on one
 * bracket level (the caller recurses).
 */

/** The server prints LIKE and ILIKE as their operators. */
const PATTERN_OPERATORS: Readonly<Record<string, readonly string[]>> = {
  "~~": ["LIKE"],
  "!~~": ["NOT", "LIKE"],
  "~~*": ["ILIKE"],
  "!~~*": ["NOT", "ILIKE"],
};

export function patternOperators(list: Node[]): Node[] {
  return list.flatMap((n) =>
    n.kind === "op" && PATTERN_OPERATORS[(n as Token).text]
      ? PATTERN_OPERATORS[(n as Token).text]!.map((text): Node => ({ kind: "word", text }))
      : [n],
  );
}

export function canonicalWord(t: Token): Token {
  if (t.kind === "word") {
    const upper = t.text.toUpperCase();
    return { kind: "word", text: UPPER_KEYWORDS.has(upper) ? upper : t.text.toLowerCase() };
  }
  if (t.kind === "name") {
    const parts = t.text.split(/\.(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(unquoteIfPlain);
    return parts.length === 1 && !parts[0]!.startsWith('"')
      ? { kind: "word", text: parts[0]! }
      : { kind: "name", text: parts.join(".") };
  }
  return t;
}

function unquoteIfPlain(part: string): string {
  if (!part.startsWith('"')) return part.toLowerCase();
  const inner = part.slice(1, -1);
  return /^[a-z_][a-z0-9_$]*$/.test(inner) && !RESERVED_WORDS.has(inner.toUpperCase()) ? inner : part;
}

const UNARY_CONTEXT = new Set([
  "AND",
  "OR",
  "NOT",
  "IS",
  "IN",
  "LIKE",
  "ILIKE",
  "BETWEEN",
  "WHEN",
  "THEN",
  "ELSE",
  "ESCAPE",
]);

/** `- 1` in operand position becomes the single number `-1`, as `'-1'::integer` does below. */
export function mergeNegativeNumbers(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const prev = out[out.length - 1];
    const operandPosition =
      !prev || prev.kind === "op" || prev.kind === "comma" || (prev.kind === "word" && UNARY_CONTEXT.has(prev.text));
    if (n.kind === "op" && n.text === "-" && operandPosition && list[i + 1]?.kind === "number") {
      out.push({ kind: "number", text: `-${(list[++i] as Token).text}` });
    } else out.push(n);
  }
  return out;
}

/** `CAST(x AS t)` is stored as `(x)::t`. */
export function castCallsAsOperators(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const args = list[i + 1];
    const as = isGroup(args) ? args.children.findIndex((c) => isWord(c, "AS")) : -1;
    if (isWord(n, "CAST") && isGroup(args) && as > 0) {
      const typeWords = args.children
        .slice(as + 1)
        .map((c) => (isGroup(c) || c.kind !== "word" ? c : { ...c, text: c.text.toLowerCase() }));
      out.push(
        { kind: "group", open: "(", children: args.children.slice(0, as) },
        { kind: "cast", text: "::" },
        ...typeWords,
      );
      i++;
    } else out.push(n);
  }
  return out;
}

export function canonicalTimestamps(list: Node[]): Node[] {
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
export function rewriteInLists(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const values = list[i + 1];
    if (
      isWord(n, "IN") &&
      isGroup(values) &&
      values.open === "(" &&
      !isWord(values.children[0], "SELECT", "VALUES", "WITH")
    ) {
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

const BOUNDARY = (n: Node | undefined) =>
  n === undefined || n.kind === "comma" || isWord(n, "AND", "OR", "NOT", "WHEN", "THEN", "ELSE");

/** The server stores `x BETWEEN a AND b` as `x >= a AND x <= b` (and NOT BETWEEN as `x < a OR x > b`). */
export function rewriteBetween(list: Node[]): Node[] {
  for (let i = 1; i < list.length; i++) {
    const negated = isWord(list[i], "NOT") && isWord(list[i + 1], "BETWEEN");
    const at = negated ? i + 1 : i;
    if (!isWord(list[at], "BETWEEN")) continue;
    const [x, a, and, b] = [list[i - 1]!, list[at + 1], list[at + 2], list[at + 3]];
    if (!a || !b || !isWord(and, "AND") || !BOUNDARY(list[i - 2]) || !BOUNDARY(list[at + 4]) || isWord(a, "SYMMETRIC"))
      continue;
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
