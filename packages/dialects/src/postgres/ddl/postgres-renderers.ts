import { renderedExpression, type ExclusionConstraintModel, type IndexModel, type TableModel } from "@retort/core";
import { constraintSql, indexPartsSql } from "../../ddl/constraint-sql";
import { POSTGRES_QUOTING as q } from "../../ddl/identifiers";
import type { DdlRenderers } from "../../ddl/render-context";
import { renderWith } from "../../ddl/render-with";
import { bulkInsertSql } from "../../ddl/bulk-insert-sql";
import { inlineParams } from "../../ddl/sql-values";
import { viewSql } from "../../ddl/view-sql";
import { alterPostgresColumn } from "./postgres-alter-column";
import { postgresColumnComment, postgresColumnDefinition } from "./postgres-column";
import { alterPostgresEnum } from "./postgres-enum";
import { createExtensionSql, dropExtensionSql, extensionsForDefaults } from "./postgres-extensions";

const constraints = constraintSql(q, { deferrable: true });

/** `CONSTRAINT name EXCLUDE …`, in the entity's spelling (docs/schema-objects.md, "Exclusion constraints"). */
const exclusionClause = (x: ExclusionConstraintModel): string => `CONSTRAINT ${q.ident(x.name)} EXCLUDE ${renderedExpression(x)}`;

function createIndex(schema: string | null, table: string, index: IndexModel, concurrently: boolean): string {
  return (
    `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${concurrently ? "CONCURRENTLY " : ""}${q.ident(index.name)} ` +
    `ON ${q.qualified(schema, table)}${index.method ? ` USING ${index.method}` : ""} ` +
    `${indexPartsSql(q, index.parts, (e) => `(${e})`)}${index.where ? ` WHERE ${index.where}` : ""}`
  );
}

/**
 * A table or type in a schema other than the default one: the schema is created first
 * when missing (a Prisma multiSchema datasource's schemas, README.md "Prisma schemas").
 */
const schemaFirst = (schema: string | null): string[] => (schema === null ? [] : [`CREATE SCHEMA IF NOT EXISTS ${q.ident(schema)}`]);

function createTable(t: TableModel): string[] {
  const name = q.qualified(t.schema, t.name);
  const body = [
    ...t.columns.map(postgresColumnDefinition),
    ...(t.primaryKey ? [constraints.primaryKey(t.primaryKey)] : []),
    ...t.uniques.map(constraints.unique),
    ...t.foreignKeys.map(constraints.foreignKey),
    ...t.checks.map(constraints.check),
    ...(t.exclusions ?? []).map(exclusionClause),
  ];
  return [
    ...schemaFirst(t.schema),
    ...extensionsForDefaults(t.columns.map((c) => c.default)),
    `CREATE TABLE ${name} (\n  ${body.join(",\n  ")}\n)`,
    ...t.indexes.map((i) => createIndex(t.schema, t.name, i, false)),
    ...(t.comment !== null ? [`COMMENT ON TABLE ${name} IS ${q.literal(t.comment)}`] : []),
    ...t.columns.filter((c) => c.comment !== null).map((c) => postgresColumnComment(t.schema, t.name, c)),
  ];
}

const addConstraint = (schema: string | null, table: string, clause: string) =>
  [`ALTER TABLE ${q.qualified(schema, table)} ADD ${clause}`];

/** PostgreSQL DDL, one renderer per operation kind. */
export const postgresRenderers: DdlRenderers = {
  createTable: (op) => createTable(op.table),
  dropTable: (op) => [`DROP TABLE ${q.qualified(op.table.schema, op.table.name)}`],
  renameTable: (op) => [`ALTER TABLE ${q.qualified(op.schema, op.table)} RENAME TO ${q.ident(op.newName)}`],
  alterTableComment: (op) => [
    `COMMENT ON TABLE ${q.qualified(op.schema, op.table)} IS ${op.comment.to === null ? "NULL" : q.literal(op.comment.to)}`,
  ],
  addColumn: (op) => [
    ...extensionsForDefaults([op.column.default]),
    `ALTER TABLE ${q.qualified(op.schema, op.table)} ADD COLUMN ${postgresColumnDefinition(op.column)}`,
    ...(op.column.comment !== null ? [postgresColumnComment(op.schema, op.table, op.column)] : []),
  ],
  dropColumn: (op) => [`ALTER TABLE ${q.qualified(op.schema, op.table)} DROP COLUMN ${q.ident(op.column.name)}`],
  alterColumn: (op) => [...extensionsForDefaults([op.changes.default?.to]), ...alterPostgresColumn(op)],
  createIndex: (op) => [createIndex(op.schema, op.table, op.index, op.concurrently)],
  dropIndex: (op) => [`DROP INDEX ${op.concurrently ? "CONCURRENTLY " : ""}${q.qualified(op.schema, op.index.name)}`],
  createUniqueConstraint: (op) => addConstraint(op.schema, op.table, constraints.unique(op.unique)),
  createForeignKey: (op) => addConstraint(op.schema, op.table, constraints.foreignKey(op.foreignKey)),
  createCheckConstraint: (op) => addConstraint(op.schema, op.table, constraints.check(op.check)),
  createPrimaryKey: (op) => addConstraint(op.schema, op.table, constraints.primaryKey(op.primaryKey)),
  dropConstraint: (op) => {
    const c = op.constraint;
    const named = c.type === "unique" ? c.unique : c.type === "foreignKey" ? c.foreignKey : c.type === "check" ? c.check : c.primaryKey;
    // PostgreSQL names an unnamed primary key `<table>_pkey`.
    const name = named.name ?? `${op.table}_pkey`;
    return [`ALTER TABLE ${q.qualified(op.schema, op.table)} DROP CONSTRAINT ${q.ident(name)}`];
  },
  createExclusionConstraint: (op) => addConstraint(op.schema, op.table, exclusionClause(op.exclusion)),
  dropExclusionConstraint: (op) => [`ALTER TABLE ${q.qualified(op.schema, op.table)} DROP CONSTRAINT ${q.ident(op.exclusion.name)}`],
  createExtension: (op) => [createExtensionSql(op.extension.name)],
  dropExtension: (op) => [dropExtensionSql(op.extension.name, op.onlyIfCreatedByRetort)],
  createEnum: (op) => [
    ...schemaFirst(op.enumType.schema),
    `CREATE TYPE ${q.qualified(op.enumType.schema, op.enumType.name)} AS ENUM (${op.enumType.values.map(q.literal).join(", ")})`,
  ],
  dropEnum: (op) => [`DROP TYPE ${q.qualified(op.enumType.schema, op.enumType.name)}`],
  alterEnum: (op) => alterPostgresEnum(op),
  ...viewSql(q, {
    engine: "PostgreSQL",
    // CREATE OR REPLACE VIEW refuses to drop or rename a column: a change is drop + create.
    orReplace: false,
    materialized: (v) => [
      `CREATE MATERIALIZED VIEW ${q.qualified(v.schema, v.name)} AS ${v.definition}`,
      ...v.indexes.map((i) => createIndex(v.schema, v.name, i, false)),
    ],
  }),
  batchAlterTable: (op, ctx) => op.operations.flatMap((inner) => renderWith(postgresRenderers, inner, ctx)),
  execute: (op) => [inlineParams(op.sql, op.params, q)],
  bulkInsert: (op) => bulkInsertSql(op, q, true),
};
