import { sortModel, type EnumTypeModel, type ViewModel, type IncludeName, type Queryable, type SchemaModel } from "@retort/core";
import type { IntrospectOptions } from "../introspection/introspect-options";
import {
  COLUMNS_SQL,
  CONSTRAINTS_SQL,
  ENUMS_SQL,
  INDEXES_SQL,
  SCHEMAS_SQL,
  TABLES_SQL,
  VIEWS_SQL,
  withOids,
  type ColumnRow,
  type ConstraintRow,
  type EnumRow,
  type IndexRow,
  type SchemasRow,
  type TableRow,
  type ViewRow,
} from "./catalog-queries";
import { CatalogNormalizer } from "./catalog-normalizer";
import { readColumn } from "./read-columns";
import { addConstraint, addIndex } from "./read-constraints";
import { newReflectedTable, toTableModel, type ReflectedTable } from "./reflected-table";
import { postgresViewDefinition } from "./view-definition";

const includeAll: IncludeName = () => true;
const NO_PARENTS = { schemaName: null, tableName: null, schemaQualifiedTableName: null };

/**
 * Reflects a live PostgreSQL database. Seven catalog queries in all, whatever the number
 * of schemas and tables; rows are then joined to their tables through Maps built once.
 * Names `includeName` rejects are dropped before any work on them: a rejected table's
 * oid is never sent to the later queries.
 */
export async function introspectPostgres(db: Queryable, options: IntrospectOptions): Promise<SchemaModel> {
  const includeName = options.includeName ?? includeAll;
  const normalize = new CatalogNormalizer();
  const [schemasRow] = await oneCatalogQuery<SchemasRow>(db, SCHEMAS_SQL, undefined);
  const defaultSchema = schemasRow?.default_schema ?? "public";
  const { schemas, otherSchemas } = selectSchemas(schemasRow?.schemas ?? [], defaultSchema, options, includeName);
  const [tables, views] = await Promise.all([readTables(db, schemas, defaultSchema, includeName), readViews(db, schemas, defaultSchema, includeName)]);
  // A materialized view's indexes come with the tables' (its columns too, to name them).
  const matviews = new Map([...views].filter(([, v]) => v.row.materialized).map(([oid, v]) => [oid, v.table]));
  const relations = new Map<number, ReflectedTable>([...tables, ...matviews]);
  const oids = [...relations.keys()];
  // The four go to the server as one message: it runs each next query while the rows of
  // the one before are on their way (and while the caller computes, see onCatalogSent).
  const [enumRows, columnRows, constraintRows, indexRows] = (await catalogRows(
    db,
    [ENUMS_SQL, withOids(COLUMNS_SQL, oids), withOids(CONSTRAINTS_SQL, oids), withOids(INDEXES_SQL, oids)],
    options.onCatalogSent,
  )) as [EnumRow[], ColumnRow[], ConstraintRow[], IndexRow[]];
  const enumsByOid = new Map(enumRows.map((e) => [e.oid, e]));

  for (const row of columnRows) {
    const table = relations.get(row.table_oid);
    if (!table) continue;
    table.columnNames.set(row.attnum, row.name);
    if (includeName(row.name, "column", table.parents))
      table.columns.push(readColumn(row, enumsByOid, defaultSchema, normalize));
  }
  for (const row of constraintRows) {
    const table = tables.get(row.table_oid);
    if (table) addConstraint(table, row, defaultSchema, includeName, normalize);
  }
  for (const row of indexRows) {
    const table = relations.get(row.table_oid);
    if (table) addIndex(table, row, includeName, normalize);
  }

  const wanted = options.extensions;
  const extensions = wanted === undefined ? {} : {
    extensions: (schemasRow?.extensions ?? []).filter((name) => (wanted === "all" || wanted.includes(name)) && includeName(name, "extension", NO_PARENTS)).map((name) => ({ name })),
  };
  return sortModel({
    ...extensions,
    dialect: "postgres",
    defaultSchema,
    schemas: otherSchemas,
    tables: [...tables.values()].map(toTableModel),
    enums: reflectEnums(enumRows, defaultSchema, new Set(schemas), includeName),
    views: [...views.values()].map(({ row, table }): ViewModel => ({
      schema: table.schema,
      name: row.name,
      definition: postgresViewDefinition(row.definition),
      materialized: row.materialized,
      indexes: row.materialized ? table.indexes : [],
    })),
  });
}

/** The views includeName keeps, by oid; a ReflectedTable gathers a materialized view's indexes. */
async function readViews(
  db: Queryable,
  schemas: readonly string[],
  defaultSchema: string,
  includeName: IncludeName,
): Promise<Map<number, { row: ViewRow; table: ReflectedTable }>> {
  const views = new Map<number, { row: ViewRow; table: ReflectedTable }>();
  for (const row of await oneCatalogQuery<ViewRow>(db, VIEWS_SQL, [schemas])) {
    const schema = row.schema === defaultSchema ? null : row.schema;
    if (includeName(row.name, "view", { schemaName: schema, tableName: null, schemaQualifiedTableName: schema === null ? row.name : `${schema}.${row.name}` }))
      views.set(row.oid, { row, table: newReflectedTable(schema, row.name, null) });
  }
  return views;
}

/** As Alembic: schemas are offered to includeName only with includeSchemas, the default one as null. */
function selectSchemas(
  all: readonly string[],
  defaultSchema: string,
  options: IntrospectOptions,
  includeName: IncludeName,
): { schemas: string[]; otherSchemas: string[] } {
  const included = (s: string | null) => !options.includeSchemas || includeName(s, "schema", NO_PARENTS);
  const otherSchemas = options.includeSchemas ? all.filter((s) => s !== defaultSchema && included(s)) : [];
  return { schemas: included(null) ? [defaultSchema, ...otherSchemas] : otherSchemas, otherSchemas };
}

/** The tables of the selected schemas that includeName keeps, by oid. */
async function readTables(
  db: Queryable,
  schemas: readonly string[],
  defaultSchema: string,
  includeName: IncludeName,
): Promise<Map<number, ReflectedTable>> {
  const tables = new Map<number, ReflectedTable>();
  for (const row of await oneCatalogQuery<TableRow>(db, TABLES_SQL, [schemas])) {
    const table = newReflectedTable(row.schema === defaultSchema ? null : row.schema, row.name, row.comment);
    // For a table itself Alembic leaves tableName out and names the table in schemaQualifiedTableName.
    if (includeName(row.name, "table", { ...table.parents, tableName: null })) tables.set(row.oid, table);
  }
  return tables;
}

/**
 * The rows of each statement, parsed by fixed rules where the connection can
 * (Queryable.catalogRows: oids are numbers in every query, so Map keys match across
 * them); `sent` is told once every statement is on its way to the server.
 */
async function catalogRows(db: Queryable, statements: readonly string[], sent?: () => void): Promise<unknown[][]> {
  if (db.catalogRows) return await db.catalogRows(statements, undefined, sent);
  const answered = statements.map((sql) => db.query(sql));
  for (const promise of answered) promise.catch(() => undefined);
  sent?.();
  const rows: unknown[][] = [];
  for (const promise of answered) rows.push(await promise);
  return rows;
}

async function oneCatalogQuery<Row>(db: Queryable, sql: string, params: readonly unknown[] | undefined): Promise<Row[]> {
  if (db.catalogRows) return (await db.catalogRows<Row>([sql], params))[0] ?? [];
  return await db.query<Row>(sql, params);
}

function reflectEnums(
  rows: readonly EnumRow[],
  defaultSchema: string,
  schemas: ReadonlySet<string>,
  includeName: IncludeName,
): EnumTypeModel[] {
  return rows
    .filter((e) => schemas.has(e.schema))
    .map((e) => ({ schema: e.schema === defaultSchema ? null : e.schema, name: e.name, values: e.values }))
    .filter((e) => includeName(e.name, "enum", { ...NO_PARENTS, schemaName: e.schema }));
}
