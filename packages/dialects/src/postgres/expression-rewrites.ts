import { COMPARISONS, CURRENT_TIMESTAMP_SPELLINGS, RESERVED_WORDS, UPPER_KEYWORDS } from "./sql-keywords";
import { plainDecimal, standardString } from "./literal-spelling";
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
  if (t.kind === "string") return { kind: "string", text: standardString(t.text) };
  if (t.kind === "number") return { kind: "number", text: plainDecimal(t.text) };
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
      const op: Node = { kind: "op", text: negated ? "<>" : "=" };
      if (!values.children.some((c) => c.kind === "comma")) {
        out.push(op, values); // a one-value list is stored as a plain comparison
      } else {
        const array: Group = { kind: "group", open: "[", children: values.children };
        out.push(
          op,
          { kind: "word", text: negated ? "ALL" : "ANY" },
          {
            kind: "group",
            open: "(",
            children: [{ kind: "word", text: "ARRAY" }, array],
          },
        );
      }
      i++;
    } else out.push(n);
  }
  return out;
}

const isBoundary = (n: Node | undefined) =>
  n === undefined ||
  n.kind === "comma" ||
  (n.kind === "op" && COMPARISONS.has((n as Token).text)) ||
  isWord(n, "AND", "OR", "NOT", "WHEN", "THEN", "ELSE", "END", "IS", "BETWEEN");

/** The operand that ends just before `end` (exclusive): back to the nearest boundary. */
function operandBefore(list: readonly Node[], end: number): number {
  let start = end;
  while (start > 0 && !isBoundary(list[start - 1])) start--;
  return start;
}

/** The operand that starts at `start`: up to the nearest boundary. */
function operandAfter(list: readonly Node[], start: number): number {
  let end = start;
  while (end < list.length && !isBoundary(list[end])) end++;
  return end;
}

/** The server stores `x BETWEEN a AND b` as `x >= a AND x <= b` (and NOT BETWEEN as `x < a OR x > b`). */
export function rewriteBetween(list: Node[]): Node[] {
  for (let i = 0; i < list.length; i++) {
    if (!isWord(list[i], "BETWEEN") || isWord(list[i + 1], "SYMMETRIC")) continue;
    const negated = isWord(list[i - 1], "NOT");
    const xEnd = negated ? i - 1 : i;
    const xStart = operandBefore(list, xEnd);
    const aEnd = operandAfter(list, i + 1);
    const bEnd = operandAfter(list, aEnd + 1);
    if (xStart === xEnd || aEnd === i + 1 || !isWord(list[aEnd], "AND") || bEnd === aEnd + 1) continue;
    const [x, a, b] = [list.slice(xStart, xEnd), list.slice(i + 1, aEnd), list.slice(aEnd + 1, bEnd)];
    const [low, high, join] = negated ? ["<", ">", "OR"] : [">=", "<=", "AND"];
    const expanded: Group = {
      kind: "group",
      open: "(",
      children: [
        ...x,
        { kind: "op", text: low },
        ...a,
        { kind: "word", text: join },
        ...x,
        { kind: "op", text: high },
        ...b,
      ],
    };
    return rewriteBetween([...list.slice(0, xStart), expanded, ...list.slice(bEnd)]);
  }
  return list;
}

/** The server stores `x SIMILAR TO p` as `x ~ similar_to_escape(p)`. */
export function rewriteSimilarTo(list: Node[]): Node[] {
  const at = list.findIndex((n, i) => isWord(n, "SIMILAR") && isWord(list[i + 1], "TO"));
  if (at < 0 || isWord(list[at - 1], "NOT") || !list[at + 2]) return list;
  const end = operandAfter(list, at + 2);
  const call: Node[] = [
    { kind: "word", text: "similar_to_escape" },
    { kind: "group", open: "(", children: list.slice(at + 2, end) },
  ];
  return rewriteSimilarTo([...list.slice(0, at), { kind: "op", text: "~" }, ...call, ...list.slice(end)]);
}

/** `position(a IN b)` is `strpos(b, a)`; the server prints it with brackets that would read as an IN list. */
export function positionAsStrpos(list: readonly Node[]): Node[] {
  return list.flatMap((n, i): Node[] => {
    const args = list[i + 1];
    if (isWord(list[i - 1], "POSITION") && isGroup(n)) return [];
    if (!isWord(n, "POSITION") || !isGroup(args)) return [n];
    const inAt = args.children.findIndex((c) => isWord(c, "IN"));
    if (inAt < 0) return [n, args];
    const children: Node[] = [
      ...args.children.slice(inAt + 1),
      { kind: "comma", text: "," },
      ...args.children.slice(0, inAt),
    ];
    return [
      { kind: "word", text: "strpos" },
      { kind: "group", open: "(", children },
    ];
  });
}
