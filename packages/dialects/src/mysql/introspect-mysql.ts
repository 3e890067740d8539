import {
  RetortError,
  sortModel,
  type CheckConstraintModel,
  type ColumnModel,
  type Queryable,
  type SchemaModel,
  type TableModel,
} from "@retort/core";
import type { IntrospectOptions } from "../introspection/introspect-options";
import { buildColumn, columnParsers, type ColumnParsers } from "./build-column";
import { buildForeignKey, buildKeys, type ForeignKeyGroup, type IndexGroup } from "./build-keys";
import {
  queryChecks,
  queryColumns,
  queryForeignKeyColumns,
  queryReferentialRules,
  querySchemas,
  queryStatistics,
  queryTables,
  type CheckRow,
  type ColumnRow,
  type ForeignKeyColumnRow,
  type ReferentialRuleRow,
  type StatisticsRow,
  type TableRow,
} from "./catalog-queries";
import { catalogExpression, nonEmpty } from "./catalog-text";
import { NameFilter } from "./name-filter";

/**
 * Reflects a MariaDB 10.11 / MySQL 8 database through information_schema: the current
 * database (`DATABASE()`, tables with `schema: null`), and with `includeSchemas` every
 * other non-system database. Seven catalog queries whatever the number of tables; rows
 * are routed to their table through one Map, so the work after them is linear.
 * Unique index/constraint duality and implicit FK indexes: see build-keys.ts.
 */
export async function introspectMysql(db: Queryable, options: IntrospectOptions): Promise<SchemaModel> {
  const filter = new NameFilter(options.includeName);
  const { defaultSchema, schemas } = await selectSchemas(db, options.includeSchemas ?? false, filter);
  // Sent together: the connection runs them back to back, with no round trip between.
  const [tableRows, checkRows, columnRows, statisticsRows, fkColumnRows, ruleRows] =
    schemas.length === 0
      ? [[], [], [], [], [], []]
      : await Promise.all([
          queryTables(db, schemas),
          queryChecks(db, schemas),
          queryColumns(db, schemas),
          queryStatistics(db, schemas),
          queryForeignKeyColumns(db, schemas),
          queryReferentialRules(db, schemas),
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
  const schemas = rows
    .map((r) => r.schema_name!)
    .filter((s) => filter.schema(s === defaultSchema ? null : s));
  return { defaultSchema, schemas };
}

/** Tables by catalog schema, then name: routes each catalog row to its table in O(1). */
class TableIndex {
  private readonly bySchema = new Map<string, Map<string, TableState>>();
  private readonly list: TableState[] = [];

  add(table: TableState): void {
    const { table_schema: schema, table_name: name } = table.row;
    let tables = this.bySchema.get(schema);
    if (!tables) this.bySchema.set(schema, (tables = new Map()));
    tables.set(name, table);
    this.list.push(table);
  }

  get(row: { table_schema: string; table_name: string }): TableState | undefined {
    return this.bySchema.get(row.table_schema)?.get(row.table_name);
  }

  all(): readonly TableState[] {
    return this.list;
  }
}

const JSON_CHECK = /^json_valid\(`((?:[^`]|``)+)`\)$/;

/** The catalog rows of one table, gathered as they arrive and turned into a TableModel once. */
class TableState {
  readonly columnRows: ColumnRow[] = [];
  private readonly checkRows: CheckRow[] = [];
  /** Column name → its MariaDB `json` check (named after the column, `json_valid(`col`)`). */
  private readonly jsonChecks = new Map<string, CheckRow>();
  private readonly indexGroups = new Map<string, IndexGroup>();
  private readonly foreignKeyGroups = new Map<string, ForeignKeyGroup>();

  constructor(
    readonly schema: string | null,
    readonly row: TableRow,
  ) {}

  addCheck(row: CheckRow, dialect: Queryable["dialect"]): void {
    const column = JSON_CHECK.exec(catalogExpression(row.check_clause.trim(), dialect))?.[1]?.replace(/``/g, "`");
    if (column !== undefined && column === row.constraint_name) this.jsonChecks.set(column, row);
    else this.checkRows.push(row);
  }

  addStatistic(row: StatisticsRow): void {
    let group = this.indexGroups.get(row.index_name);
    if (!group) {
      group = { name: row.index_name, unique: Number(row.non_unique) === 0, indexType: row.index_type, rows: [] };
      this.indexGroups.set(row.index_name, group);
    }
    group.rows.push(row);
  }

  addForeignKey(row: ForeignKeyColumnRow): void {
    let group = this.foreignKeyGroups.get(row.constraint_name);
    if (!group) {
      group = { name: row.constraint_name, rows: [], rule: null };
      this.foreignKeyGroups.set(row.constraint_name, group);
    }
    group.rows.push(row);
  }

  addReferentialRule(row: ReferentialRuleRow): void {
    const group = this.foreignKeyGroups.get(row.constraint_name);
    if (group) group.rule = row;
  }

  build(parsers: ColumnParsers, defaultSchema: string, filter: NameFilter): TableModel {
    const name = this.row.table_name;
    const include = (objectName: string, type: Parameters<NameFilter["member"]>[1]) =>
      filter.member(objectName, type, this.schema, name);
    const jsonColumns = new Set(
      this.columnRows.filter((r) => this.jsonChecks.has(r.column_name) && /^longtext\b/i.test(r.column_type)).map((r) => r.column_name),
    );
    const columns = this.buildColumns(parsers, include, jsonColumns);
    const allForeignKeys = [...this.foreignKeyGroups.values()].map((g) => buildForeignKey(g, defaultSchema));
    const keys = buildKeys(name, this.indexGroups.values(), allForeignKeys, parsers.expression, (n, unique) =>
      include(n, unique ? "unique_constraint" : "index"),
    );
    // A json_valid check on a column that is not MariaDB's json is the user's own.
    const checkRows = [...this.checkRows, ...[...this.jsonChecks].filter(([c]) => !jsonColumns.has(c)).map(([, r]) => r)];
    const checks: CheckConstraintModel[] = checkRows
      .filter((r) => include(r.constraint_name, "check_constraint"))
      .map((r) => ({ name: r.constraint_name, expression: parsers.expression(r.check_clause) }));
    return {
      schema: this.schema,
      name,
      comment: nonEmpty(this.row.table_comment),
      columns,
      primaryKey: keys.primaryKey,
      indexes: keys.indexes,
      uniques: keys.uniques,
      foreignKeys: allForeignKeys.filter((fk) => include(fk.name!, "foreign_key_constraint")),
      checks,
    };
  }

  private buildColumns(
    parsers: ColumnParsers,
    include: (name: string, type: "column") => boolean,
    jsonColumns: ReadonlySet<string>,
  ): ColumnModel[] {
    const ctx = {
      parsers,
      tableCollation: this.row.table_collation,
      hasJsonCheck: (column: string) => jsonColumns.has(column),
    };
    return this.columnRows
      .sort((a, b) => Number(a.ordinal_position) - Number(b.ordinal_position))
      .filter((r) => include(r.column_name, "column"))
      .map((r) => buildColumn(r, ctx));
  }
}

