import { renderedExpression, type CheckConstraintModel, type IndexModel, type TableModel, type TableOperation } from "@retort/core";
import { constraintSql, indexPartsSql } from "../../ddl/constraint-sql";
import { SQLITE_QUOTING as q } from "../../ddl/identifiers";
import type { DdlRenderers, RenderContext } from "../../ddl/render-context";
import { renderWith } from "../../ddl/render-with";
import { bulkInsertSql } from "../../ddl/bulk-insert-sql";
import { inlineParams } from "../../ddl/sql-values";
import { viewSql } from "../../ddl/view-sql";
import { noExclusions, noExtensions, UnsupportedOperationError } from "../../ddl/unsupported";
import { SqliteBatchRequiredError } from "./batch-required-error";
import { addColumnObstacle, isInlineRowid, sqliteColumnDefinition } from "./sqlite-column";

const constraints = constraintSql(q, { deferrable: true });

export function createSqliteIndex(schema: string | null, table: string, index: IndexModel): string {
  // SQLite qualifies the index name, never the table (https://www.sqlite.org/lang_createindex.html).
  return (
    `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${q.qualified(schema, index.name)} ON ${q.ident(table)} ` +
    `${indexPartsSql(q, index.parts, (e) => `(${e})`)}${index.where ? ` WHERE ${index.where}` : ""}`
  );
}

/**
 * The CREATE TABLE statement alone (indexes are separate statements). SQLite keeps this
 * text, and TypeORM's schema builder reads it back with patterns, so it is laid out where
 * they look (docs/typeorm-coexistence.md): an enum's unnamed `"col" IN (…)` check right
 * after the column's type, and the closing bracket on the last line (a named check is
 * found only when a comma or the final `)` follows it).
 */
export function createSqliteTableStatement(t: TableModel): string {
  const pk = t.primaryKey?.columns ?? null;
  const inlinePk = t.columns.find((c) => isInlineRowid(c, pk));
  const inline = inlineEnumChecks(t);
  const body = [
    ...t.columns.map((c) => sqliteColumnDefinition(c, pk, inline.get(c.name))),
    ...(t.primaryKey && !inlinePk ? [constraints.primaryKey(t.primaryKey)] : []),
    ...t.uniques.map(constraints.unique),
    ...t.foreignKeys.map(constraints.foreignKey),
    ...t.checks.filter((c) => ![...inline.values()].includes(c)).map(constraints.check),
  ];
  return `CREATE TABLE ${q.qualified(t.schema, t.name)} (\n  ${body.join(",\n  ")})`;
}

/** Unnamed checks written `"col" IN (…)` (TypeORM's simple-enum), by the column they restrict. */
function inlineEnumChecks(t: TableModel): Map<string, CheckConstraintModel> {
  const out = new Map<string, CheckConstraintModel>();
  for (const check of t.checks) {
    const column = check.name === null ? /^\s*"([^"]+)"\s+IN\s*\(/.exec(renderedExpression(check))?.[1] : undefined;
    if (column !== undefined && !out.has(column) && t.columns.some((c) => c.name === column)) out.set(column, check);
  }
  return out;
}

/** Table operations SQLite's ALTER TABLE can do without a rebuild. */
export function sqliteAltersInPlace(op: TableOperation): boolean {
  switch (op.kind) {
    case "addColumn":
      return addColumnObstacle(op.column) === null;
    case "alterColumn":
      return Object.entries(op.changes).every(([k, v]) => v === undefined || k === "name" || k === "comment");
    case "dropColumn":
    case "createIndex":
    case "dropIndex":
    case "alterTableComment":
      return true;
    default:
      return false;
  }
}

const needsBatch = (table: string, what: string): never => {
  throw new SqliteBatchRequiredError(table, what);
};

/** SQLite DDL, one renderer per operation kind. Comments and enum types do not exist there. */
export const sqliteRenderers: DdlRenderers = {
  createTable: (op) => [
    createSqliteTableStatement(op.table),
    ...op.table.indexes.map((i) => createSqliteIndex(op.table.schema, op.table.name, i)),
  ],
  dropTable: (op) => [`DROP TABLE ${q.qualified(op.table.schema, op.table.name)}`],
  renameTable: (op) => [`ALTER TABLE ${q.qualified(op.schema, op.table)} RENAME TO ${q.ident(op.newName)}`],
  alterTableComment: () => [],
  addColumn: (op) => {
    const obstacle = addColumnObstacle(op.column);
    if (obstacle) needsBatch(op.table, obstacle);
    return [`ALTER TABLE ${q.qualified(op.schema, op.table)} ADD COLUMN ${sqliteColumnDefinition(op.column, null)}`];
  },
  dropColumn: (op) => [`ALTER TABLE ${q.qualified(op.schema, op.table)} DROP COLUMN ${q.ident(op.column.name)}`],
  alterColumn: (op) => {
    const other = Object.entries(op.changes).filter(([k, v]) => v !== undefined && k !== "name" && k !== "comment");
    if (other.length > 0)
      needsBatch(op.table, `change the ${other.map(([k]) => k).join(", ")} of column "${op.column}"`);
    return op.changes.name
      ? [
          `ALTER TABLE ${q.qualified(op.schema, op.table)} RENAME COLUMN ${q.ident(op.column)} TO ${q.ident(op.changes.name.to)}`,
        ]
      : [];
  },
  createIndex: (op) => [createSqliteIndex(op.schema, op.table, op.index)],
  dropIndex: (op) => [`DROP INDEX ${q.qualified(op.schema, op.index.name)}`],
  createUniqueConstraint: (op) => needsBatch(op.table, "add a unique constraint"),
  createForeignKey: (op) => needsBatch(op.table, "add a foreign key"),
  createCheckConstraint: (op) => needsBatch(op.table, "add a check constraint"),
  createPrimaryKey: (op) => needsBatch(op.table, "add a primary key"),
  dropConstraint: (op) => needsBatch(op.table, `drop a ${op.constraint.type} constraint`),
  ...noExtensions("SQLite"),
  ...noExclusions("SQLite"),
  createEnum: () => [],
  dropEnum: () => [],
  alterEnum: () => [],
  ...viewSql(q, { engine: "SQLite", orReplace: false }),
  batchAlterTable: (op, ctx: RenderContext) => {
    if (op.recreate === "always" || (op.recreate === "auto" && !op.operations.every(sqliteAltersInPlace))) {
      throw new UnsupportedOperationError(
        "SQLite",
        `print the rebuild of table "${op.table}" offline`,
        "A batch rebuild reads the table's current definition: run this migration against the database instead of with --sql.",
      );
    }
    return op.operations.flatMap((inner) => renderWith(sqliteRenderers, inner, ctx));
  },
  execute: (op) => [inlineParams(op.sql, op.params, q)],
  bulkInsert: (op) => bulkInsertSql(op, q, false),
};
