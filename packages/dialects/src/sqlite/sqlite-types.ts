import { columnType, type ColumnType } from "@retort/core";

/**
 * SQLite accepts any type name and only derives an affinity from it
 * (https://www.sqlite.org/datatype3.html), so a declared type is kept as written
 * (lower-cased, whitespace collapsed) except for these pure spelling variants. Deliberately
 * NOT merged:
 * - `int` and `integer`: only a column typed exactly INTEGER can be a rowid alias
 *   (`int PRIMARY KEY` is an ordinary column: https://www.sqlite.org/lang_createtable.html#rowid);
 * - `real`/`double`/`float`, `text`/`varchar`/`clob`: TypeORM writes and reads them apart,
 *   and keeping the user's spelling keeps regenerated DDL identical.
 */
export const SQLITE_TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  "character varying": "varchar",
  "varying character": "varchar",
  "double precision": "double",
  decimal: "numeric",
  bool: "boolean",
};

/** Types whose single parameter is a precision (digits or fractional seconds), not a length. */
const PRECISION_TYPES: ReadonlySet<string> = new Set([
  "numeric",
  "float",
  "double",
  "real",
  "time",
  "datetime",
  "timestamp",
]);

const TYPE_PATTERN = /^(.*?)\s*(?:\(\s*([+-]?\d+)\s*(?:,\s*([+-]?\d+)\s*)?\))?$/;

export function parseSqliteType(sqlType: string): ColumnType {
  const text = sqlType.trim().toLowerCase().replace(/\s+/g, " ");
  const match = TYPE_PATTERN.exec(text);
  const written = (match?.[1] ?? text).trim();
  const name = SQLITE_TYPE_SYNONYMS[written] ?? written;
  const first = match?.[2] === undefined ? null : Number(match[2]);
  const second = match?.[3] === undefined ? null : Number(match[3]);
  if (first === null) return columnType(name);
  if (second !== null) return columnType(name, { precision: first, scale: second });
  return PRECISION_TYPES.has(name) ? columnType(name, { precision: first }) : columnType(name, { length: first });
}
