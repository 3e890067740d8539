import { renderNode } from "./expression-render";
import { parsePostgresType, renderPostgresType } from "./parse-type";
import { COMPARISONS, MULTI_WORD_TYPES, UPPER_KEYWORDS } from "./sql-keywords";
import { isGroup, isWord, type Group, type Node, type Token } from "./sql-tokens";
import { POSTGRES_TEXT_TYPES } from "./type-synonyms";

/** The words after `::` become one `type` token in canonical spelling (`varchar(20)`, `timestamptz`). */
export function canonicalCasts(list: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    out.push(n);
    if (n.kind !== "cast") continue;
    const end = typeEnd(list, i + 1);
    if (end <= i + 1) continue;
    const text = list
      .slice(i + 1, end)
      .map(renderNode)
      .join(" ")
      .replace(/ \(/, "(")
      .replace(/ \[/g, "[");
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
  const multi = MULTI_WORD_TYPES.find(
    (m) =>
      m[0] === words[0] &&
      m.slice(1).every((w, k) => isWord(list[i + k]) && (list[i + k] as Token).text.toLowerCase() === w),
  );
  if (multi) i += multi.length - 1;
  if (multi && isGroup(list[i]) && (list[i] as Group).open === "(") i++;
  while (isGroup(list[i]) && (list[i] as Group).open === "[" && (list[i] as Group).children.length === 0) i++;
  return i;
}

/**
 * `('now'::text)::date` → `'now' :: text :: date`, before the brackets are normalised on
 * their own (which would drop the inner `::text` as restating). The chain converts text at
 * each evaluation, and the server keeps it so (TypeORM writes `CURRENT_TIMESTAMP(3)` this
 * way); without the text step `'now'::date` is a constant folded once, when the DDL runs.
 */
export function liftTextCastChains(list: readonly Node[]): Node[] {
  const out: Node[] = [];
  list.forEach((n, i) => {
    const [subject, cast, type, ...rest] = isGroup(n) && n.open === "(" ? n.children : [];
    const textCast =
      subject?.kind === "string" && cast?.kind === "cast" && rest.length === 0 && type !== undefined && isTextType(renderNode(type));
    if (textCast && list[i + 1]?.kind === "cast") out.push(subject, cast, type);
    else out.push(n);
  });
  return out;
}

const isTextType = (type: string) => POSTGRES_TEXT_TYPES.has(parsePostgresType(type).name);
const isIdentifier = (n: Node | undefined) => (n?.kind === "word" && !UPPER_KEYWORDS.has(n.text)) || n?.kind === "name";

/**
 * Drops casts that only restate what a literal or name already is. The server adds them
 * when it resolves types: `'a'::text`, `(col)::text` for a varchar column passed to a text
 * function, `ARRAY['a'::character varying]::text[]`, and `'-1'::integer` for a negative number.
 */
export function stripRestatingCasts(list: Node[]): Node[] {
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
    } else if (subject.kind === "string" && (isComparison(prev) || isComparison(list[i + 3]))) {
      // Compared with a typed operand, an untyped literal takes that type: the cast the
      // server shows (`created::date > '2020-01-01'::date`) is what DDL left implicit.
      out.push(subject);
      i += 2;
    } else if (
      isTextType(type.text) &&
      !(subject.kind === "string" && list[i + 3]?.kind === "cast") &&
      (subject.kind === "string" || (isIdentifier(subject) && !isGroup(list[i + 3])))
    ) {
      out.push(subject);
      i += 2;
    } else if (isTextType(type.text) && isGroup(n) && n.open === "(" && !bracketedArray && comparedWithString(out, list, i)) {
      // `coalesce(label, '') <> 'x'` on a varchar column is stored as
      // `(COALESCE(label, ''::character varying))::text <> 'x'::text`: the server compares as text.
      out.push(n);
      i += 2;
    } else if (type.text.endsWith("[]") && isTextType(type.text) && (bracketedArray || isArrayConstructor(n, prev))) {
      out.push(...(bracketedArray ? (n as Group).children : [n]));
      i += 2;
    } else out.push(n);
  }
  return out;
}

/** Whether the cast subject at `i` (followed by `::`, type) is one side of a comparison whose other side is a string. */
function comparedWithString(out: readonly Node[], list: readonly Node[], i: number): boolean {
  const after = list[i + 3];
  if (isComparison(after)) return list[i + 4]?.kind === "string";
  // The operand starts at its function name when the subject is a call's arguments (`coalesce(…)::text`).
  const start = out.length - (isIdentifier(out[out.length - 1]) ? 1 : 0);
  return isComparison(out[start - 1]) && out[start - 2]?.kind === "string";
}

/**
 * `status IN ('a', 'b')` on an enum column is stored as
 * `status = ANY (ARRAY['a'::status_enum, 'b'::status_enum])`: each literal takes the
 * compared column's type, which the DDL left implicit. Runs after `rewriteInLists`.
 */
export function stripArrayElementCasts(list: Node[]): Node[] {
  return list.map((n, i) => {
    const quantifier = list[i - 1];
    if (!isGroup(n) || n.open !== "(" || !isWord(quantifier, "ANY", "ALL") || !isComparison(list[i - 2])) return n;
    const [array, elements, ...rest] = n.children;
    if (!isWord(array, "ARRAY") || !isGroup(elements) || elements.open !== "[" || rest.length > 0) return n;
    const kept: Node[] = [];
    const items = elements.children;
    for (let k = 0; k < items.length; k++) {
      kept.push(items[k]!);
      if (items[k]!.kind === "string" && items[k + 1]?.kind === "cast" && items[k + 2]?.kind === "type") k += 2;
    }
    return { ...n, children: [array, { ...elements, children: kept }] };
  });
}

/**
 * The server stores `score >= 0` on a numeric column as `score >= 0::numeric`, and
 * `qty + price` (integer plus numeric) as `qty::numeric + price`: it folds the implicit
 * widening of the integer side into the text. Next to a comparison, `+`, `-` or `*` such a
 * cast changes no value, so it is dropped there; next to `/`, `%` or `^` it can
 * (`qty::numeric / 2` is 2.5 where `qty / 2` is 2) and it stays. A number literal's cast
 * comes from that coercion alone, so it goes next to any operator, unless it is a dividend.
 */
const isComparison = (n: Node | undefined) => n?.kind === "op" && COMPARISONS.has((n as Token).text);
const NUMERIC_CASTS = new Set(["numeric", "real", "double precision", "bigint"]);
// `^` is defined for double precision and numeric only: an integer operand is always widened.
const WIDENING_NEIGHBOURS = new Set(["=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "^"]);

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
  const harmless = (x: Node | undefined) =>
    x === undefined || x.kind === "comma" || isWord(x, "AND", "OR", "THEN", "ELSE", "WHEN", "END") || widening(x);
  return castable && (widening(prev) || widening(next)) && harmless(prev) && harmless(next);
}

function isArrayConstructor(subject: Node, prev: Node | undefined): boolean {
  if (isGroup(subject) && subject.open === "(")
    return isWord(subject.children[0], "ARRAY") && isGroup(subject.children[1]) && subject.children.length === 2;
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
