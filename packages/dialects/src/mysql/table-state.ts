import type { CheckConstraintModel, ColumnModel, DialectName, TableModel } from "@retort/core";
import { buildColumn, type ColumnParsers } from "./build-column";
import { buildForeignKey, buildKeys, type ForeignKeyGroup, type IndexGroup } from "./build-keys";
import type {
  CheckRow,
  ColumnRow,
  ForeignKeyColumnRow,
  ReferentialRuleRow,
  StatisticsRow,
  TableRow,
} from "./catalog-queries";
import { catalogExpression, nonEmpty } from "./catalog-text";
import type { NameFilter } from "../introspection/name-filter";

/**
 * MariaDB's `json` is `longtext` plus a column-level `CHECK (json_valid(`col`))` named
 * after the column (https://mariadb.com/kb/en/json-data-type/). That check belongs to
 * the type: it is not reported when the column is longtext.
 */
const JSON_CHECK = /^json_valid\(`((?:[^`]|``)+)`\)$/;

/** The catalog rows of one table, gathered as they arrive and turned into a TableModel once. */
export class TableState {
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

  addCheck(row: CheckRow, dialect: DialectName): void {
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
      this.columnRows
        .filter((r) => this.jsonChecks.has(r.column_name) && /^longtext\b/i.test(r.column_type))
        .map((r) => r.column_name),
    );
    const columns = this.buildColumns(parsers, include, jsonColumns);
    const allForeignKeys = [...this.foreignKeyGroups.values()].map((g) => buildForeignKey(g, defaultSchema));
    const keys = buildKeys(name, this.indexGroups.values(), allForeignKeys, parsers.expression, (n, unique) =>
      include(n, unique ? "unique_constraint" : "index"),
    );
    // A json_valid check on a column that is not MariaDB's json is the user's own.
    const checkRows = [
      ...this.checkRows,
      ...[...this.jsonChecks].filter(([c]) => !jsonColumns.has(c)).map(([, r]) => r),
    ];
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
      defaultCollation: this.row.table_collation,
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
