import { renderedDefault, renderedExpression, type CheckConstraintModel, type ColumnModel, type ColumnType } from "@retort/core";
import { SQLITE_QUOTING as q } from "../../ddl/identifiers";
import { typeModifiers } from "../../ddl/portable-type";
import { refuseOnUpdate } from "../../ddl/unsupported";

/** Portable names SQLite would give a surprising affinity, and what stands in for them. */
export const SQLITE_TYPE_FROM_PORTABLE: Readonly<Record<string, string>> = {
  timestamptz: "datetime",
  jsonb: "json",
  "double precision": "double",
  bytea: "blob",
};

/** SQLite keeps the declared type as written; arrays have no meaning there. */
export function formatSqliteType(t: ColumnType): string {
  if (t.enumValues !== null && t.name === "enum") return "varchar";
  return `${SQLITE_TYPE_FROM_PORTABLE[t.name] ?? t.name}${typeModifiers(t)}`;
}

/** Defaults that are not a literal must be parenthesised (https://www.sqlite.org/lang_createtable.html#dfltval). */
const LITERAL_DEFAULT =
  /^(?:[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?|'(?:[^']|'')*'|x'[0-9a-f]*'|null|true|false|current_time|current_date|current_timestamp)$/i;

export function sqliteDefault(expression: string): string {
  const e = expression.trim();
  return LITERAL_DEFAULT.test(e) || (e.startsWith("(") && e.endsWith(")")) ? e : `(${e})`;
}

/**
 * Whether the column is written `INTEGER PRIMARY KEY [AUTOINCREMENT]` inline: an
 * auto-increment column that is the table's whole primary key (a dropped key takes the
 * rowid alias with it).
 */
export function isInlineRowid(c: ColumnModel, primaryKey: readonly string[] | null): boolean {
  return c.autoIncrement !== null && primaryKey !== null && primaryKey.length === 1 && primaryKey[0] === c.name;
}

/** A column as CREATE TABLE / ADD COLUMN write it; `primaryKey` is the table's key columns. */
export function sqliteColumnDefinition(
  c: ColumnModel,
  primaryKey: readonly string[] | null = null,
  enumCheck?: CheckConstraintModel,
): string {
  if (isInlineRowid(c, primaryKey)) {
    // Only a column typed exactly INTEGER aliases the rowid (https://www.sqlite.org/lang_createtable.html#rowid).
    const auto = c.autoIncrement === "rowid" ? "" : " AUTOINCREMENT";
    return `${q.ident(c.name)} integer PRIMARY KEY${auto}${c.nullable ? "" : " NOT NULL"}`;
  }
  if (c.onUpdate !== null) refuseOnUpdate("SQLite", c.name);
  // SQLite keeps the declared type as written: the entity's spelling where it has one (docs/typeorm-coexistence.md).
  const parts = [q.ident(c.name), c.writtenType ?? formatSqliteType(c.type)];
  if (enumCheck) parts.push(`CHECK (${renderedExpression(enumCheck)})`);
  if (!c.nullable) parts.push("NOT NULL");
  if (c.default !== null) parts.push(`DEFAULT ${sqliteDefault(renderedDefault(c) ?? c.default)}`);
  if (c.collation !== null) parts.push(`COLLATE ${c.collation}`);
  if (c.generated !== null)
    parts.push(`GENERATED ALWAYS AS (${c.generated.expression}) ${c.generated.stored ? "STORED" : "VIRTUAL"}`);
  if (c.type.name === "enum" && c.type.enumValues !== null) {
    parts.push(`CHECK (${q.ident(c.name)} IN (${c.type.enumValues.map(q.literal).join(", ")}))`);
  }
  return parts.join(" ");
}

/** What makes ADD COLUMN refuse a column (https://www.sqlite.org/lang_altertable.html#altertabaddcol), or null. */
export function addColumnObstacle(c: ColumnModel): string | null {
  if (c.autoIncrement !== null) return `add the auto-increment column "${c.name}"`;
  if (!c.nullable && c.default === null && c.generated === null)
    return `add the NOT NULL column "${c.name}" without a default`;
  if (c.default !== null && sqliteDefault(c.default).startsWith("("))
    return `add column "${c.name}" with an expression default`;
  if (c.default !== null && /^current_/i.test(c.default.trim()))
    return `add column "${c.name}" with a ${c.default} default`;
  if (c.generated?.stored) return `add the stored generated column "${c.name}"`;
  return null;
}
