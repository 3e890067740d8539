import type { TableModel } from "@retort/core";
import type { ConversionContext } from "./conversion-context";

/**
 * A `@Unique` on exactly the primary key's columns, in the key's order. TypeORM writes it
 * inside CREATE TABLE with the key, and (docs/schema-objects.md, "A unique on the primary key"):
 *
 * - PostgreSQL keeps only the primary key: CREATE TABLE folds an index constraint equal
 *   to an earlier one, so no unique constraint exists;
 * - SQLite makes no index for a UNIQUE equal to the key's own index, so none is seen
 *   either; a rowid key (`INTEGER PRIMARY KEY`) has no index, and there the unique stays;
 * - MariaDB and MySQL keep both.
 *
 * The model holds what the engine keeps, so synchronize → check is empty and retort's
 * CREATE TABLE builds the same table.
 */
export function withoutUniquesFoldedIntoPrimaryKey(table: TableModel, family: ConversionContext["family"]): TableModel {
  const key = table.primaryKey;
  if (key === null || family === "mysql") return table;
  if (family === "sqlite" && isRowidKey(table)) return table;
  const sameAsKey = (columns: readonly string[]) => columns.length === key.columns.length && columns.every((c, i) => c === key.columns[i]);
  const uniques = table.uniques.filter((u) => !sameAsKey(u.columns));
  return uniques.length === table.uniques.length ? table : { ...table, uniques };
}

function isRowidKey(table: TableModel): boolean {
  if (table.primaryKey?.columns.length !== 1) return false;
  const column = table.columns.find((c) => c.name === table.primaryKey!.columns[0]);
  return column?.autoIncrement === "rowid" || column?.autoIncrement === "sqlite-autoincrement";
}
