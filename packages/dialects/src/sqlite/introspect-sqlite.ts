import { sortModel, type Queryable, type SchemaModel, type ViewModel } from "@retort/core";
import { NameFilter } from "../introspection/name-filter";
import type { IntrospectOptions } from "../introspection/introspect-options";
import {
  MASTER_SQL,
  columnsSql,
  foreignKeysSql,
  indexesSql,
  type ColumnRow,
  type ForeignKeyRow,
  type IndexRow,
  type MasterRow,
} from "./catalog-queries";
import { parseCreateTable } from "./create-table-parser";
import { readingSchemaOf } from "./schema-read-error";
import { sqliteViewDefinition } from "./view-definition";
import { assembleTable, type SchemaLookups, type TableRows } from "./table-assembler";


/**
 * Reflects the `main` database of a SQLite connection in four queries, whatever the
 * number of tables. Attached databases are out of scope, so `includeSchemas` changes
 * nothing: `schemas` is always empty and every table has `schema: null`.
 */
export async function introspectSqlite(db: Queryable, options: IntrospectOptions): Promise<SchemaModel> {
  const filter = new NameFilter(options.includeName);
  const { tables, views, lookups } = readMaster(await db.query<MasterRow>(MASTER_SQL), filter);
  // With a filter, only the kept tables' pragmas run: the names go in as one JSON array.
  const filtered = options.includeName !== undefined;
  const params = filtered ? [JSON.stringify([...tables.keys()])] : [];
  for (const row of await db.query<ColumnRow>(columnsSql(filtered), params)) {
    tables.get(row.table_name)?.columns.push(row);
  }
  for (const row of await db.query<IndexRow>(indexesSql(filtered), params)) {
    const indexes = tables.get(row.table_name)?.indexes;
    if (indexes) appendTo(indexes, row.index_name, row);
  }
  for (const row of await db.query<ForeignKeyRow>(foreignKeysSql(filtered), params)) {
    const foreignKeys = tables.get(row.table_name)?.foreignKeys;
    if (foreignKeys) appendTo(foreignKeys, row.id, row);
  }
  return sortModel({
    dialect: "sqlite",
    defaultSchema: "main",
    schemas: [],
    tables: [...tables.values()].map((t) => assembleTable(t, lookups, filter, options.storedSpellings ?? false)),
    enums: [],
    views,
  });
}

/** The kept tables (parsed, ready for their catalog rows) and the schema-wide lookups. */
function readMaster(
  rows: readonly MasterRow[],
  filter: NameFilter,
): { tables: Map<string, TableRows>; views: ViewModel[]; lookups: SchemaLookups } {
  const tables = new Map<string, TableRows>();
  const views: ViewModel[] = [];
  const indexSql = new Map<string, string>();
  const tableNames = new Map<string, string>();
  for (const row of rows) {
    if (row.type === "index") {
      indexSql.set(row.name, row.sql);
      continue;
    }
    if (row.type === "view") {
      if (filter.view(null, row.name))
        views.push({ schema: null, name: row.name, definition: sqliteViewDefinition(row.sql), materialized: false, indexes: [] });
      continue;
    }
    tableNames.set(row.name.toLowerCase(), row.name);
    if (!filter.table(null, row.name)) continue;
    const parsed = readingSchemaOf("table", row.name, () => parseCreateTable(row.sql));
    tables.set(row.name, { name: row.name, parsed, columns: [], indexes: new Map(), foreignKeys: new Map() });
  }
  return { tables, views, lookups: { indexSql, tableNames } };
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
