import type { ColumnType } from "./schema-model";

/**
 * A canonical ColumnType written back as the SQL-ish string the `op` API takes
 * (`varchar(255)`, `numeric(10,2)`, `int unsigned`, `text[]`, `enum('a','b')`).
 * The dialect rules parse it back to the same ColumnType, so it round-trips.
 *
 * A PostgreSQL enum is written as its type's name (how DDL spells it); MySQL's inline
 * enum as `enum('a','b')`, so a statement that restates the column (MODIFY) has the values.
 */
export function formatType(t: ColumnType): string {
  const base = t.enumName ?? t.name;
  const modifiers = t.enumName === null && t.enumValues !== null ? enumValuesList(t.enumValues) : sizeModifiers(t);
  const unsigned = t.unsigned ? " unsigned" : "";
  return `${base}${modifiers}${unsigned}${"[]".repeat(t.arrayDimensions)}`;
}

function sizeModifiers(t: ColumnType): string {
  if (t.length !== null) return `(${t.length})`;
  if (t.precision === null) return "";
  return t.scale === null ? `(${t.precision})` : `(${t.precision},${t.scale})`;
}

function enumValuesList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")})`;
}
