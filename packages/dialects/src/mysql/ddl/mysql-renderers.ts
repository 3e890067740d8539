import type { IndexModel, TableModel } from "@retort/core";
import { constraintSql, indexPartsSql } from "../../ddl/constraint-sql";
import { MYSQL_QUOTING as q } from "../../ddl/identifiers";
import type { DdlRenderers, RenderContext } from "../../ddl/render-context";
import { renderWith } from "../../ddl/render-with";
import { bulkInsertSql } from "../../ddl/bulk-insert-sql";
import { inlineParams } from "../../ddl/sql-values";
import { viewSql } from "../../ddl/view-sql";
import { noExclusions, noExtensions, UnsupportedOperationError } from "../../ddl/unsupported";
import { alterMysqlColumn } from "./mysql-alter-column";
import { mysqlColumnDefinition } from "./mysql-column";

const constraints = constraintSql(q, { deferrable: false, explicitActions: true });

/** Index kinds MySQL spells before INDEX rather than with USING. */
const PREFIX_METHODS: ReadonlySet<string> = new Set(["fulltext", "spatial"]);

function createIndex(schema: string | null, table: string, index: IndexModel): string {
  if (index.where !== null) {
    throw new UnsupportedOperationError(
      "MySQL/MariaDB",
      `create the partial index ${index.name} (WHERE ${index.where})`,
      "Drop the where option for this dialect, or index a generated column instead.",
    );
  }
  const method = index.method?.toLowerCase() ?? null;
  const prefix = method && PREFIX_METHODS.has(method) ? `${method.toUpperCase()} ` : index.unique ? "UNIQUE " : "";
  const using = method && !PREFIX_METHODS.has(method) ? ` USING ${method.toUpperCase()}` : "";
  // Functional key parts need their own parentheses (https://dev.mysql.com/doc/refman/8.0/en/create-index.html).
  return `CREATE ${prefix}INDEX ${q.ident(index.name)} ON ${q.qualified(schema, table)} ${indexPartsSql(q, index.parts, (e) => `(${e})`)}${using}`;
}

function createTable(t: TableModel, ctx: RenderContext): string[] {
  const body = [
    ...t.columns.map((c) => mysqlColumnDefinition(c, ctx)),
    // MySQL ignores a primary key's name: it is always PRIMARY.
    ...(t.primaryKey ? [constraints.primaryKey({ ...t.primaryKey, name: null })] : []),
    ...t.uniques.map(constraints.unique),
    ...t.foreignKeys.map(constraints.foreignKey),
    ...t.checks.map(constraints.check),
  ];
  const comment = t.comment !== null ? ` COMMENT=${q.literal(t.comment)}` : "";
  return [
    `CREATE TABLE ${q.qualified(t.schema, t.name)} (\n  ${body.join(",\n  ")}\n)${comment}`,
    ...t.indexes.map((i) => createIndex(t.schema, t.name, i)),
  ];
}

/**
 * `dropKey` followed by dropping the index InnoDB made for the key, when it is there.
 * InnoDB makes one for a key no index serves, named after the key, and keeps it after the
 * key is gone, so the downgrade of an added key left an `FK_…` index behind. It is the
 * key's name, non-unique, on exactly the key's columns (what build-keys.ts leaves out of
 * the model); whether it is there is read before the key goes, and the drop is a prepared
 * statement because MySQL has no `DROP INDEX IF EXISTS`. A declared index has its own name.
 */
function withImplicitIndex(schema: string | null, table: string, name: string, dropKey: readonly string[]): string[] {
  const on = (alias: string) =>
    `${alias}.TABLE_SCHEMA = ${schema === null ? "DATABASE()" : q.literal(schema)} AND ${alias}.TABLE_NAME = ${q.literal(table)}`;
  const keyColumns = `SELECT GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION) FROM information_schema.KEY_COLUMN_USAGE k WHERE ${on("k")} AND k.CONSTRAINT_NAME = ${q.literal(name)}`;
  const implicit = `MIN(s.NON_UNIQUE) = 1 AND COUNT(s.SUB_PART) = 0 AND GROUP_CONCAT(s.COLUMN_NAME ORDER BY s.SEQ_IN_INDEX) = (${keyColumns})`;
  const dropIndex = `ALTER TABLE ${q.qualified(schema, table)} DROP INDEX ${q.ident(name)}`;
  return [
    `SET @retort_fk_index = (SELECT IF(${implicit}, ${q.literal(dropIndex)}, 'DO 0') FROM information_schema.STATISTICS s WHERE ${on("s")} AND s.INDEX_NAME = ${q.literal(name)})`,
    ...dropKey,
    "PREPARE retort_fk_index FROM @retort_fk_index",
    "EXECUTE retort_fk_index",
    "DEALLOCATE PREPARE retort_fk_index",
  ];
}

const alterTable = (schema: string | null, table: string, clause: string) => [
  `ALTER TABLE ${q.qualified(schema, table)} ${clause}`,
];

/** MySQL and MariaDB DDL, one renderer per operation kind. */
export const mysqlRenderers: DdlRenderers = {
  createTable: (op, ctx) => createTable(op.table, ctx),
  dropTable: (op) => [`DROP TABLE ${q.qualified(op.table.schema, op.table.name)}`],
  renameTable: (op) => [`RENAME TABLE ${q.qualified(op.schema, op.table)} TO ${q.qualified(op.schema, op.newName)}`],
  alterTableComment: (op) => alterTable(op.schema, op.table, `COMMENT = ${q.literal(op.comment.to ?? "")}`),
  addColumn: (op, ctx) => alterTable(op.schema, op.table, `ADD COLUMN ${mysqlColumnDefinition(op.column, ctx)}`),
  dropColumn: (op) => alterTable(op.schema, op.table, `DROP COLUMN ${q.ident(op.column.name)}`),
  alterColumn: (op, ctx) => alterMysqlColumn(op, ctx),
  createIndex: (op) => [createIndex(op.schema, op.table, op.index)],
  dropIndex: (op) => [`DROP INDEX ${q.ident(op.index.name)} ON ${q.qualified(op.schema, op.table)}`],
  createUniqueConstraint: (op) => alterTable(op.schema, op.table, `ADD ${constraints.unique(op.unique)}`),
  createForeignKey: (op) => alterTable(op.schema, op.table, `ADD ${constraints.foreignKey(op.foreignKey)}`),
  createCheckConstraint: (op) => alterTable(op.schema, op.table, `ADD ${constraints.check(op.check)}`),
  createPrimaryKey: (op) =>
    alterTable(op.schema, op.table, `ADD ${constraints.primaryKey({ ...op.primaryKey, name: null })}`),
  dropConstraint: (op, ctx) => {
    const c = op.constraint;
    switch (c.type) {
      case "primaryKey":
        return alterTable(op.schema, op.table, "DROP PRIMARY KEY");
      case "unique":
        return alterTable(op.schema, op.table, `DROP INDEX ${q.ident(c.unique.name ?? "")}`);
      case "foreignKey": {
        const name = c.foreignKey.name ?? "";
        const drop = alterTable(op.schema, op.table, `DROP FOREIGN KEY ${q.ident(name)}`);
        return op.implicitIndex ? withImplicitIndex(op.schema, op.table, name, drop) : drop;
      }
      case "check":
        // MySQL 8.0.16 has DROP CHECK; MariaDB only DROP CONSTRAINT.
        return alterTable(
          op.schema,
          op.table,
          `${ctx.dialect === "mariadb" ? "DROP CONSTRAINT" : "DROP CHECK"} ${q.ident(c.check.name ?? "")}`,
        );
    }
  },
  ...noExtensions("MySQL/MariaDB"),
  ...noExclusions("MySQL/MariaDB"),
  // MySQL enums are inline column types: there is no enum object to create or alter.
  createEnum: () => [],
  dropEnum: () => [],
  alterEnum: () => [],
  ...viewSql(q, { engine: "MySQL/MariaDB", orReplace: true }),
  batchAlterTable: (op, ctx) => op.operations.flatMap((inner) => renderWith(mysqlRenderers, inner, ctx)),
  execute: (op) => [inlineParams(op.sql, op.params, q)],
  bulkInsert: (op) => bulkInsertSql(op, q, true),
};
