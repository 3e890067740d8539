import type {
  CheckConstraintModel,
  Deferrable,
  IndexModel,
  PrimaryKeyModel,
  UniqueConstraintModel,
} from "@retort/core";
import { index } from "@retort/core";
import type { Deferrable as TypeormDeferrable, TypeormTableIndex } from "../typeorm-shapes";
import { modelCheck, type ConversionContext, type TableFacts } from "./conversion-context";

/** A table's keys, indexes and checks as TypeORM's CREATE TABLE (and CREATE INDEX) make them. */
export interface TableKeys {
  readonly primaryKey: PrimaryKeyModel | null;
  readonly indexes: readonly IndexModel[];
  readonly uniques: readonly UniqueConstraintModel[];
  readonly checks: readonly CheckConstraintModel[];
}

export function tableKeys(facts: TableFacts, ctx: ConversionContext): TableKeys {
  return ctx.family === "mysql" ? mysqlKeys(facts, ctx) : constraintKeys(facts, ctx);
}

/**
 * PostgreSQL and SQLite: `unique` columns and @Unique become UNIQUE constraints, @Index
 * indexes (createTableSql in PostgresQueryRunner and AbstractSqliteQueryRunner).
 */
function constraintKeys(facts: TableFacts, ctx: ConversionContext): TableKeys {
  const { table } = facts;
  const uniques: UniqueConstraintModel[] = table.uniques.map((u) => ({
    name: u.name ?? ctx.naming.uniqueConstraintName(table, u.columnNames),
    columns: [...u.columnNames],
    // SQLite's CREATE TABLE in TypeORM drops DEFERRABLE from uniques.
    deferrable: ctx.family === "postgres" ? deferrable(u.deferrable) : null,
  }));
  for (const c of table.columns) {
    if (c.isUnique && !table.uniques.some((u) => u.columnNames.length === 1 && u.columnNames[0] === c.name)) {
      uniques.push({ name: ctx.naming.uniqueConstraintName(table, [c.name]), columns: [c.name], deferrable: null });
    }
  }
  return {
    primaryKey: primaryKey(facts, ctx),
    indexes: table.indices.map((i) =>
      index(i.name ?? ctx.naming.indexName(table, i.columnNames, i.where), i.columnNames, {
        unique: i.isUnique,
        where: i.where ? ctx.rules.normalizeExpression(i.where, ctx.dialect) : null,
        method: ctx.family === "postgres" ? postgresIndexMethod(i) : null,
      }),
    ),
    uniques,
    checks: tableChecks(facts, ctx),
  };
}

/**
 * MySQL has no unique constraints apart from unique indexes: TypeORM makes `unique`
 * columns, @Unique and one-to-one keys unique indexes (EntityMetadataBuilder and
 * MysqlQueryRunner.createTableSql). Those that no @Index declared stay unique
 * constraints in the model, as introspection reports them. No partial indexes there.
 */
function mysqlKeys(facts: TableFacts, ctx: ConversionContext): TableKeys {
  const { table } = facts;
  const indices = table.indices.map((i) => ({
    name: i.name ?? ctx.naming.indexName(table, i.columnNames, i.where),
    columnNames: i.columnNames,
    isUnique: i.isUnique,
    method: i.isFulltext ? "fulltext" : i.isSpatial ? "spatial" : null,
  }));
  for (const c of table.columns) {
    const hasIndex = table.indices.some((i) => i.columnNames.length === 1 && i.isUnique && i.columnNames[0] === c.name);
    const hasUnique = table.uniques.some((u) => u.columnNames.length === 1 && u.columnNames[0] === c.name);
    if (c.isUnique && !hasIndex && !hasUnique) {
      indices.push({ name: ctx.naming.uniqueConstraintName(table, [c.name]), columnNames: [c.name], isUnique: true, method: null });
    }
  }
  for (const u of table.uniques) {
    if (!indices.some((i) => i.name === u.name)) {
      indices.push({ name: u.name ?? "", columnNames: u.columnNames, isUnique: true, method: null });
    }
  }
  const isConstraint = (i: (typeof indices)[number]) => i.isUnique && i.method === null && !facts.declaredIndexes.has(i.name);
  return {
    primaryKey: primaryKey(facts, ctx),
    indexes: indices
      .filter((i) => !isConstraint(i))
      .map((i) => index(i.name, i.columnNames, { unique: i.isUnique, method: i.method })),
    uniques: indices.filter(isConstraint).map((i) => ({ name: i.name, columns: [...i.columnNames], deferrable: null })),
    checks: tableChecks(facts, ctx),
  };
}

/** Named by the entity or the naming strategy on PostgreSQL; unnamed on MySQL and SQLite. */
function primaryKey(facts: TableFacts, ctx: ConversionContext): PrimaryKeyModel | null {
  const columns = facts.table.columns.filter((c) => c.isPrimary);
  if (columns.length === 0) return null;
  const names = columns.map((c) => c.name);
  const name =
    ctx.family === "postgres" ? (columns[0].primaryKeyConstraintName ?? ctx.naming.primaryKeyName(facts.table, names)) : null;
  return { name, columns: names };
}

/**
 * @Check constraints. TypeORM's synchronize skips them on MySQL/MariaDB, but retort
 * manages them there too (docs/reference.md §3a).
 */
function tableChecks(facts: TableFacts, ctx: ConversionContext): CheckConstraintModel[] {
  return facts.table.checks
    .filter((c) => c.expression)
    .map((c) => modelCheck(c.name ?? ctx.naming.checkConstraintName(facts.table, c.expression ?? ""), c.expression ?? "", ctx));
}

/** PostgresQueryRunner.buildIndexTypeClause: spatial indexes use GiST; btree is the default. */
function postgresIndexMethod(i: TypeormTableIndex): string | null {
  const method = i.isSpatial ? "gist" : typeof i.type === "string" ? i.type.toLowerCase() : null;
  return method === "btree" ? null : method;
}

export function deferrable(value: TypeormDeferrable | undefined): Deferrable | null {
  if (value === "INITIALLY DEFERRED") return "deferred";
  if (value === "INITIALLY IMMEDIATE") return "immediate";
  return null;
}
