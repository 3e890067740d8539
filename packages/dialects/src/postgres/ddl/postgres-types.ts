import type { ColumnType } from "@retort/core";
import { POSTGRES_QUOTING } from "../../ddl/identifiers";
import { typeModifiers } from "../../ddl/portable-type";
import { UnsupportedOperationError } from "../../ddl/unsupported";

/** Names other dialects (or users) write, and the PostgreSQL type each becomes. */
export const POSTGRES_TYPE_FROM_PORTABLE: Readonly<Record<string, string>> = {
  datetime: "timestamp",
  tinyint: "smallint",
  mediumint: "integer",
  "double precision": "double precision",
  float: "double precision",
  tinytext: "text",
  mediumtext: "text",
  longtext: "text",
  blob: "bytea",
  tinyblob: "bytea",
  mediumblob: "bytea",
  longblob: "bytea",
  binary: "bytea",
  varbinary: "bytea",
};

/** PostgreSQL has no length/precision on these after mapping. */
const WITHOUT_MODIFIERS: ReadonlySet<string> = new Set(["bytea", "text", "smallint", "integer", "bigint", "double precision"]);

/** A ColumnType as PostgreSQL DDL: `varchar(20)`, `numeric(10,2)`, `timestamptz(3)`, `"mood"`, `integer[]`. */
export function formatPostgresType(t: ColumnType): string {
  const arrays = "[]".repeat(t.arrayDimensions);
  if (t.enumName !== null) return `${qualifiedTypeName(t.enumName)}${arrays}`;
  if (t.name === "enum") {
    throw new UnsupportedOperationError(
      "PostgreSQL",
      `use an inline enum (${(t.enumValues ?? []).join(", ")})`,
      'Enums are named types there: create one with op.createEnum("name", values) and give the column enumName: "name".',
    );
  }
  const name = POSTGRES_TYPE_FROM_PORTABLE[t.name] ?? t.name;
  return `${name}${WITHOUT_MODIFIERS.has(name) ? "" : typeModifiers(t)}${arrays}`;
}

/** `schema.name` or `name` (as the model writes enum names), quoted part by part. */
export function qualifiedTypeName(name: string): string {
  const dot = name.indexOf(".");
  return dot < 0
    ? POSTGRES_QUOTING.ident(name)
    : POSTGRES_QUOTING.qualified(name.slice(0, dot), name.slice(dot + 1));
}

/** `serial` spelling of an integer type with an owned sequence. */
export function serialType(t: ColumnType): string {
  const name = POSTGRES_TYPE_FROM_PORTABLE[t.name] ?? t.name;
  return name === "bigint" ? "bigserial" : name === "smallint" ? "smallserial" : "serial";
}
