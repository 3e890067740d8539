import type { EnumTypeModel, ExclusionConstraintModel, ForeignKeyModel, ReferentialAction, TableModel } from "@retort/core";
import { normalizePostgresExclusion } from "@retort/dialects";
import { writtenIfDifferent } from "@retort/core";
import { table as tableModel } from "@retort/core";
import type {
  TypeormDataSource,
  TypeormEntityMetadata,
  TypeormForeignKeyMetadata,
  TypeormTable,
  TypeormTableClass,
} from "../typeorm-shapes";
import type { ColumnConverter, ConversionContext, TableFacts } from "./conversion-context";
import { mysqlColumn } from "./mysql-column";
import { postgresColumn } from "./postgres-column";
import { sqliteColumn } from "./sqlite-column";
import { deferrable, tableKeys } from "./table-keys";

const COLUMN_CONVERTERS: Readonly<Record<ConversionContext["family"], ColumnConverter>> = {
  postgres: postgresColumn,
  mysql: mysqlColumn,
  sqlite: sqliteColumn,
};

const ACTIONS: ReadonlySet<string> = new Set(["NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"]);

export interface ConvertedTable {
  readonly table: TableModel;
  readonly enums: readonly EnumTypeModel[];
}

/**
 * One entity's table, from the `Table` TypeORM's own `Table.create()` makes for its
 * synchronize (column types, lengths and defaults already through the driver's
 * normalizeType, getColumnLength and normalizeDefault).
 */
export function convertTable(
  metadata: TypeormEntityMetadata,
  Table: TypeormTableClass,
  ctx: ConversionContext,
  declaredIndexes: ReadonlySet<string>,
): ConvertedTable {
  const typeormTable = Table.create(metadata, ctx.driver);
  const facts: TableFacts = {
    table: typeormTable,
    schema: modelSchema(metadata, ctx),
    name: metadata.tableName,
    declaredIndexes,
    declaredDefaults: new Map(metadata.columns.map((c) => [c.databaseName, c.default])),
  };
  const converted = typeormTable.columns.map((c) => COLUMN_CONVERTERS[ctx.family](c, facts, ctx));
  const keys = tableKeys(facts, ctx);
  const table = tableModel(facts.name, {
    schema: facts.schema,
    // SQLite has no table comments; TypeORM writes none there.
    comment: ctx.family === "sqlite" ? null : typeormTable.comment || null,
    columns: converted.map((c) => c.column),
    primaryKey: keys.primaryKey,
    indexes: keys.indexes,
    uniques: keys.uniques,
    foreignKeys: metadata.foreignKeys.map((fk) => foreignKey(fk, typeormTable, ctx)),
    checks: [...keys.checks, ...converted.flatMap((c) => c.checks)],
    exclusions: exclusions(facts, ctx),
  });
  return { table, enums: converted.flatMap((c) => (c.enumType ? [c.enumType] : [])) };
}

/**
 * `@Exclusion` constraints, PostgreSQL only (TypeORM's synchronize creates them nowhere
 * else): normalised like the catalog's text, the entity's own text kept for migrations
 * (docs/schema-objects.md, "Exclusion constraints").
 */
function exclusions(facts: TableFacts, ctx: ConversionContext): ExclusionConstraintModel[] {
  if (ctx.family !== "postgres") return [];
  return (facts.table.exclusions ?? [])
    .filter((x) => x.expression)
    .map((x) => {
      const written = x.expression ?? "";
      const name = x.name ?? ctx.naming.exclusionConstraintName(facts.table, written);
      const expression = normalizePostgresExclusion(written);
      const writtenExpression = writtenIfDifferent(written, expression);
      return writtenExpression === undefined ? { name, expression } : { name, expression, writtenExpression };
    });
}

/**
 * `null` for the default schema. PostgreSQL tables may live in another schema, MySQL
 * tables in another database (the entity's `database`); SQLite has only `main`.
 */
export function modelSchema(
  entity: Pick<TypeormEntityMetadata, "schema" | "database">,
  ctx: Pick<ConversionContext, "family" | "defaultSchema">,
): string | null {
  const schema = ctx.family === "postgres" ? entity.schema : ctx.family === "mysql" ? entity.database : undefined;
  return !schema || schema === ctx.defaultSchema ? null : schema;
}

/** The default schema introspection will report: `public`, the DataSource's database, `main`. */
export function defaultSchemaOf(dataSource: TypeormDataSource, family: ConversionContext["family"]): string {
  if (family === "postgres") return "public";
  if (family === "sqlite") return "main";
  return dataSource.driver.options.database ?? databaseFromUrl(dataSource.options.url) ?? "";
}

function databaseFromUrl(url: unknown): string | null {
  if (typeof url !== "string") return null;
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || null;
  } catch {
    return null;
  }
}

function foreignKey(fk: TypeormForeignKeyMetadata, table: TypeormTable, ctx: ConversionContext): ForeignKeyModel {
  const target = fk.referencedEntityMetadata;
  return {
    name: fk.name ?? ctx.naming.foreignKeyName(table, fk.columnNames, target.tableName, fk.referencedColumnNames),
    columns: [...fk.columnNames],
    referencedSchema: modelSchema(target, ctx),
    referencedTable: target.tableName,
    referencedColumns: [...fk.referencedColumnNames],
    // TypeORM writes ON DELETE / ON UPDATE every time, NO ACTION when the relation sets none.
    onDelete: action(fk.onDelete),
    onUpdate: action(fk.onUpdate),
    deferrable: ctx.family === "mysql" ? null : deferrable(fk.deferrable),
  };
}

function action(value: string | undefined): ReferentialAction {
  const upper = (value ?? "NO ACTION").toUpperCase();
  return (ACTIONS.has(upper) ? upper : "NO ACTION") as ReferentialAction;
}
