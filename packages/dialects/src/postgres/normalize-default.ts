import type { ColumnType } from "@retort/core";
import { naturalNumberType, normalizeNodes, render } from "./normalize-expression";
import { canonicalInterval } from "./interval-spelling";
import { jsonbText } from "./literal-spelling";
import { parsePostgresType } from "./parse-type";
import { isWord, tokenize, toTree, type Node, type Token } from "./sql-tokens";
import { POSTGRES_NUMERIC_TYPES, POSTGRES_TEXT_TYPES } from "./type-synonyms";

const TRUE_SPELLINGS = new Set(["'t'", "'true'", "'y'", "'yes'", "'on'", "'1'"]);
const FALSE_SPELLINGS = new Set(["'f'", "'false'", "'n'", "'no'", "'off'", "'0'"]);

/**
 * Canonical server default for a column of `type`: the same string for what DDL says
 * (`'abc'`, `-1`, `now()`, `true`) and for what `pg_get_expr()` prints once the server
 * stored it (`'abc'::character varying`, `'-1'::integer`, `now()`, `true`). A literal's
 * cast to the column's own type is dropped: the column's type coerces it anyway.
 * `NULL` (with or without a cast) is no default.
 *
 * Not matched: literal values the server rewrites into its own output format when it
 * stores them, other than those spelled here (intervals: interval-spelling.ts), such as
 * `'2020-01-01'` on a timestamptz column (a full timestamp in the server's time zone).
 * Doing so would mean re-implementing the server's input functions.
 */
export function normalizePostgresDefault(expression: string, type: ColumnType): string | null {
  let nodes = normalizeNodes(toTree(tokenize(expression)));
  if (nodes.length === 0 || (isWord(nodes[0], "NULL") && (nodes.length === 1 || nodes[1]!.kind === "cast")))
    return null;
  const [subject, cast, castType] = nodes;
  const literal = subject === undefined ? undefined : castableLiteral(subject, type);
  if (
    nodes.length === 3 &&
    literal !== undefined &&
    cast!.kind === "cast" &&
    castType!.kind === "type" &&
    castTargetsColumn((castType as Token).text, literal, type)
  ) {
    nodes = [literal];
  }
  return render(nodes.map((n) => literalForColumn(n, type, nodes.length)));
}

/**
 * The literal a cast applies to: a string, or on a numeric column a number, bare or in
 * brackets (a type change re-sets the moved default as `(0)::bigint`, which the server
 * prints as `(0)::bigint` or, for a negative one, `('-3'::integer)::bigint`).
 */
function castableLiteral(node: Node, column: ColumnType): Token | undefined {
  const inner = node.kind === "group" && node.children.length === 1 ? node.children[0]! : node;
  if (inner.kind === "string" && inner === node) return inner as Token;
  return inner.kind === "number" && POSTGRES_NUMERIC_TYPES.has(column.name) ? (inner as Token) : undefined;
}

function castTargetsColumn(castType: string, literal: Token, column: ColumnType): boolean {
  const target = parsePostgresType(castType);
  if (target.arrayDimensions !== column.arrayDimensions) return false;
  if (column.name === "enum")
    return column.enumName !== null && (target.name === column.enumName || target.name === bareName(column.enumName));
  if (target.name === column.name) return true;
  if (POSTGRES_TEXT_TYPES.has(target.name) && POSTGRES_TEXT_TYPES.has(column.name)) return true;
  return (
    POSTGRES_NUMERIC_TYPES.has(target.name) &&
    POSTGRES_NUMERIC_TYPES.has(column.name) &&
    naturalNumberType(literal.text) !== null
  );
}

const bareName = (name: string) => name.slice(name.lastIndexOf(".") + 1);

/** A lone quoted number on a numeric column is that number; a quoted boolean spelling is `true`/`false`. */
function literalForColumn(n: Node, type: ColumnType, count: number): Node {
  if (count !== 1 || n.kind !== "string" || type.arrayDimensions > 0) return n;
  const text = (n as Token).text;
  if (POSTGRES_NUMERIC_TYPES.has(type.name) && naturalNumberType(text) !== null)
    return { kind: "number", text: text.slice(1, -1) };
  if (type.name === "boolean" && TRUE_SPELLINGS.has(text.toLowerCase())) return { kind: "word", text: "true" };
  if (type.name === "boolean" && FALSE_SPELLINGS.has(text.toLowerCase())) return { kind: "word", text: "false" };
  if ((type.name === "time" || type.name === "timetz") && /^'\d{1,2}:\d{2}'$/.test(text)) {
    return { kind: "string", text: `'${text.slice(1, -1).padStart(5, "0")}:00'` }; // the server prints seconds
  }
  if (type.name === "interval") {
    const canonical = canonicalInterval(text.slice(1, -1).replace(/''/g, "'"));
    if (canonical !== null) return { kind: "string", text: `'${canonical}'` }; // '2 hours' is stored as '02:00:00'
  }
  if (type.name === "jsonb")
    return { kind: "string", text: `'${jsonbText(text.slice(1, -1).replace(/''/g, "'")).replace(/'/g, "''")}'` };
  return n;
}
