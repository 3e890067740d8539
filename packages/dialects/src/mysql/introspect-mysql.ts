import { RetortError, sortModel, type Queryable, type SchemaModel } from "@retort/core";
import type { IntrospectOptions } from "../introspection/introspect-options";
import { columnParsers } from "./build-column";
import {
  queryChecks,
  queryColumns,
  queryForeignKeyColumns,
  queryReferentialRules,
  querySchemas,
  queryStatistics,
  queryTables,
  queryViews,
} from "./catalog-queries";
import { NameFilter } from "../introspection/name-filter";
import { TableIndex } from "./table-index";
import { TableState } from "./table-state";
import { mysqlViewDefinition } from "./view-definition";

/**
 * Reflects a MariaDB 10.11 / MySQL 8 database through information_schema: the current
 * database (`DATABASE()`, tables with `schema: null`), and with `includeSchemas` every
 * other non-system database. Eight catalog queries whatever the number of tables; rows
 * are routed to their table through one Map, so the work after them is linear.
 *
 * Rules the comparator relies on (details and reasons in build-keys.ts):
 * - a unique index on plain ascending columns is reported in `uniques` only, whether it
 *   was written `UNIQUE KEY`, `CONSTRAINT … UNIQUE` or `CREATE UNIQUE INDEX` (the catalog
 *   cannot tell them apart); a unique index with a descending or functional part is in
 *   `indexes` with `unique: true`; prefix lengths are ignored;
 * - an index InnoDB made for a foreign key (same columns, named after the FK, or after
 *   its first column when the FK is `<table>_ibfk_<n>`) is not reported;
 * - the primary key's name is null; FK actions are reported as stored (MariaDB says
 *   RESTRICT for an unwritten action, MySQL 8 NO ACTION);
 * - `ON UPDATE CURRENT_TIMESTAMP` is not part of a column default: it is the column's
 *   `onUpdate`, read from EXTRA (on-update.ts);
 * - includeName is asked about schemas only with `includeSchemas` (the default one as
 *   null, as Alembic does), then tables, then each column, index and constraint.
 */
export async function introspectMysql(db: Queryable, options: IntrospectOptions): Promise<SchemaModel> {
  const filter = new NameFilter(options.includeName);
  const { defaultSchema, schemas } = await selectSchemas(db, options.includeSchemas ?? false, filter);
  // Sent together: the connection runs them back to back, with no round trip between.
  const [tableRows, checkRows, columnRows, statisticsRows, fkColumnRows, ruleRows, viewRows] =
    schemas.length === 0
      ? [[], [], [], [], [], [], []]
      : await Promise.all([
          queryTables(db, schemas),
          queryChecks(db, schemas),
          queryColumns(db, schemas),
          queryStatistics(db, schemas),
          queryForeignKeyColumns(db, schemas),
          queryReferentialRules(db, schemas),
          queryViews(db, schemas),
        ]);
  const tables = new TableIndex();
  for (const row of tableRows) {
    const schema = row.table_schema === defaultSchema ? null : row.table_schema;
    if (filter.table(schema, row.table_name)) tables.add(new TableState(schema, row));
  }
  // Rows of tables includeName rejected miss the index: skipped in O(1).
  for (const row of checkRows) tables.get(row)?.addCheck(row, db.dialect);
  for (const row of columnRows) tables.get(row)?.columnRows.push(row);
  for (const row of statisticsRows) tables.get(row)?.addStatistic(row);
  for (const row of fkColumnRows) tables.get(row)?.addForeignKey(row);
  for (const row of ruleRows) tables.get(row)?.addReferentialRule(row);
  const parsers = columnParsers(db.dialect);
  return sortModel({
    dialect: db.dialect,
    defaultSchema,
    schemas: schemas.filter((s) => s !== defaultSchema),
    tables: tables.all().map((t) => t.build(parsers, defaultSchema, filter)),
    enums: [],
    views: viewRows
      .map((row) => ({ row, schema: row.table_schema === defaultSchema ? null : row.table_schema }))
      .filter(({ row, schema }) => filter.view(schema, row.table_name))
      .map(({ row, schema }) => ({
        schema,
        name: row.table_name,
        definition: mysqlViewDefinition(row.view_definition, defaultSchema),
        materialized: false,
        indexes: [],
      })),
  });
}

async function selectSchemas(
  db: Queryable,
  all: boolean,
  filter: NameFilter,
): Promise<{ defaultSchema: string; schemas: string[] }> {
  const rows = await querySchemas(db, all);
  const defaultSchema = rows[0]?.current ?? null;
  if (defaultSchema === null) {
    throw new RetortError(
      "no_database",
      "The MySQL/MariaDB connection has no current database. Name one in the URL (mysql://user@host:3306/<database>).",
    );
  }
  if (!all) return { defaultSchema, schemas: [defaultSchema] };
  const schemas = rows.map((r) => r.schema_name!).filter((s) => filter.schema(s === defaultSchema ? null : s));
  return { defaultSchema, schemas };
}
