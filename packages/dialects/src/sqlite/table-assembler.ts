import type { NameFilter } from "../introspection/name-filter";
import {
  column,
  formatType,
  writtenIfDifferent,
  type CheckConstraintModel,
  type ColumnModel,
  type ForeignKeyModel,
  type IndexModel,
  type ObjectType,
  type PrimaryKeyModel,
  type ReferentialAction,
  type TableModel,
  type UniqueConstraintModel,
} from "@retort/core";
import type { ColumnRow, ForeignKeyRow, IndexRow } from "./catalog-queries";
import { parseCreateIndex } from "./create-index-parser";
import type { ParsedForeignKey, ParsedTable, ParsedUnique } from "./create-table-parser";
import { canonicalCollation, sqliteRules } from "./rules";
import { readingSchemaOf } from "./schema-read-error";

/** Everything the catalog queries returned for one table, grouped once. */
export interface TableRows {
  readonly name: string;
  readonly parsed: ParsedTable;
  readonly columns: ColumnRow[];
  /** Key parts by index name, in pragma order. */
  readonly indexes: Map<string, IndexRow[]>;
  /** FK column rows by FK id. */
  readonly foreignKeys: Map<number, ForeignKeyRow[]>;
}

/** Database-wide lookups from `sqlite_master`, built once. */
export interface SchemaLookups {
  /** CREATE INDEX text by index name. */
  readonly indexSql: ReadonlyMap<string, string>;
  /**
   * Table names as created, by lower-cased name: a FK may spell its parent in another
   * case, and SQLite resolves it case-insensitively.
   */
  readonly tableNames: ReadonlyMap<string, string>;
}

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  "NO ACTION": "NO ACTION",
  RESTRICT: "RESTRICT",
  CASCADE: "CASCADE",
  "SET NULL": "SET NULL",
  "SET DEFAULT": "SET DEFAULT",
};

export function assembleTable(rows: TableRows, lookups: SchemaLookups, filter: NameFilter, storedSpellings = false): TableModel {
  const table = assembleNormalisedTable(rows, lookups, filter);
  return storedSpellings ? withStoredSpellings(table, rows) : table;
}

/**
 * The declared type, default and check texts SQLite keeps, beside their normalised form,
 * for a rebuild to write back (docs/typeorm-coexistence.md).
 */
function withStoredSpellings(t: TableModel, rows: TableRows): TableModel {
  const byName = new Map(rows.columns.map((r) => [r.name, r]));
  const columns = t.columns.map((c) => {
    const row = byName.get(c.name);
    const writtenType = writtenIfDifferent(row?.type.trim().toLowerCase().replace(/\s+/g, " ") || undefined, formatType(c.type));
    const writtenDefault = writtenIfDifferent(row?.dflt_value, c.default);
    return { ...c, ...(writtenType && c.autoIncrement === null ? { writtenType } : {}), ...(writtenDefault ? { writtenDefault } : {}) };
  });
  const raw = rows.parsed.checks;
  const checks = t.checks.map((check) => {
    const source = raw.find((r) => r.name === check.name && sqliteRules.normalizeExpression(r.expression) === check.expression);
    const writtenExpression = writtenIfDifferent(source?.expression.trim(), check.expression);
    return writtenExpression ? { ...check, writtenExpression } : check;
  });
  return { ...t, columns, checks };
}

function assembleNormalisedTable(rows: TableRows, lookups: SchemaLookups, filter: NameFilter): TableModel {
  const keep = (name: string | null, type: ObjectType): boolean => filter.member(name, type, null, rows.name);
  const indexes: IndexModel[] = [];
  const uniques: UniqueConstraintModel[] = [];
  const uniqueNames = namesByColumns(rows.parsed.uniques);
  let hasPrimaryKeyIndex = false;
  for (const [name, parts] of rows.indexes) {
    const origin = parts[0].origin;
    if (origin === "pk") hasPrimaryKeyIndex = true;
    else if (origin === "u") {
      const columns = parts.map((p) => p.column_name ?? "");
      const unique = { name: takeName(uniqueNames, columnsKey(columns)), columns, deferrable: null };
      if (keep(unique.name, "unique_constraint")) uniques.push(unique);
    } else if (keep(name, "index")) indexes.push(assembleIndex(name, parts, lookups.indexSql.get(name)));
  }
  const primaryKey = assemblePrimaryKey(rows);
  const soleKeyColumn = primaryKey?.columns.length === 1 ? primaryKey.columns[0] : null;
  const rowidAlias = soleKeyColumn !== null && !hasPrimaryKeyIndex && !rows.parsed.withoutRowid;
  const autoIncrement = rowidAlias ? (rows.parsed.primaryKey?.autoIncrement ? "sqlite-autoincrement" : "rowid") : null;
  const columns: ColumnModel[] = [];
  for (const row of rows.columns) {
    if (!keep(row.name, "column")) continue;
    columns.push(assembleColumn(row, rows.parsed, row.name === soleKeyColumn ? autoIncrement : null));
  }
  // Unsorted: introspectSqlite's sortModel puts every collection in canonical order once.
  return {
    schema: null,
    name: rows.name,
    comment: null,
    columns,
    primaryKey,
    indexes,
    uniques,
    foreignKeys: assembleForeignKeys(rows, lookups.tableNames, keep),
    checks: assembleChecks(rows.parsed, keep),
  };
}

function assembleColumn(row: ColumnRow, parsed: ParsedTable, autoIncrement: ColumnModel["autoIncrement"]): ColumnModel {
  const type = sqliteRules.parseType(row.type);
  const source = parsed.columns.get(row.name.toLowerCase());
  const generated = row.hidden === 2 || row.hidden === 3;
  return column(row.name, type, {
    // A rowid alias never holds NULL (inserting one assigns the next id), whatever the
    // pragma says; other key columns of rowid tables can: https://www.sqlite.org/lang_createtable.html#the_primary_key
    nullable: row.not_null === 0 && autoIncrement === null,
    default: row.dflt_value === null ? null : sqliteRules.normalizeDefault(row.dflt_value, type),
    autoIncrement,
    generated:
      generated && source?.generated
        ? { expression: sqliteRules.normalizeExpression(source.generated.expression), stored: row.hidden === 3 }
        : null,
    collation: canonicalCollation(source?.collation ?? null),
  });
}

function assemblePrimaryKey(rows: TableRows): PrimaryKeyModel | null {
  const keyColumns = rows.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  if (keyColumns.length === 0) return null;
  return { name: rows.parsed.primaryKey?.name ?? null, columns: keyColumns.map((c) => c.name) };
}

function assembleIndex(name: string, parts: readonly IndexRow[], sql: string | undefined): IndexModel {
  // Only predicates and expression parts need the CREATE INDEX text; plain indexes skip the parse.
  const needsSql = parts[0].partial === 1 || parts.some((p) => p.cid === -2);
  const parsed = needsSql && sql !== undefined ? readingSchemaOf("index", name, () => parseCreateIndex(sql)) : null;
  return {
    name,
    parts: parts.map((p) =>
      p.cid === -2
        ? {
            column: null,
            expression: sqliteRules.normalizeExpression(parsed?.parts[p.seqno] ?? ""),
            descending: p.descending === 1,
          }
        : { column: p.column_name, expression: null, descending: p.descending === 1 },
    ),
    unique: parts[0].is_unique === 1,
    where: parts[0].partial === 1 && parsed?.where ? sqliteRules.normalizeExpression(parsed.where) : null,
    method: null,
  };
}

function assembleForeignKeys(
  rows: TableRows,
  tableNames: SchemaLookups["tableNames"],
  keep: (name: string | null, type: ObjectType) => boolean,
): ForeignKeyModel[] {
  const byKey = new Map<string, ParsedForeignKey[]>();
  for (const fk of rows.parsed.foreignKeys) pushTo(byKey, foreignKeyKey(fk.columns, fk.referencedTable), fk);
  const result: ForeignKeyModel[] = [];
  for (const parts of rows.foreignKeys.values()) {
    const ordered = [...parts].sort((a, b) => a.seq - b.seq);
    const first = ordered[0];
    const columns = ordered.map((p) => p.column_name);
    const source = byKey.get(foreignKeyKey(columns, first.referenced_table))?.shift();
    const fk: ForeignKeyModel = {
      name: source?.name ?? null,
      columns,
      referencedSchema: null,
      referencedTable: tableNames.get(first.referenced_table.toLowerCase()) ?? first.referenced_table,
      referencedColumns: ordered.map((p) => p.referenced_column ?? ""),
      onDelete: ACTIONS[first.on_delete.toUpperCase()] ?? "NO ACTION",
      onUpdate: ACTIONS[first.on_update.toUpperCase()] ?? "NO ACTION",
      deferrable: source?.deferrable ?? null,
    };
    if (keep(fk.name, "foreign_key_constraint")) result.push(fk);
  }
  return result;
}

function assembleChecks(
  parsed: ParsedTable,
  keep: (name: string | null, type: ObjectType) => boolean,
): CheckConstraintModel[] {
  return parsed.checks
    .filter((c) => keep(c.name, "check_constraint"))
    .map((c) => ({ name: c.name, expression: sqliteRules.normalizeExpression(c.expression) }));
}

function columnsKey(columns: readonly string[]): string {
  return columns.map((c) => c.toLowerCase()).join("\u0000");
}

function foreignKeyKey(columns: readonly string[], referencedTable: string): string {
  return `${columnsKey(columns)}\u0001${referencedTable.toLowerCase()}`;
}

/** Constraint names queued by column list: two constraints on the same columns keep their order. */
function namesByColumns(uniques: readonly ParsedUnique[]): Map<string, (string | null)[]> {
  const names = new Map<string, (string | null)[]>();
  for (const u of uniques) pushTo(names, columnsKey(u.columns), u.name);
  return names;
}

function takeName(names: Map<string, (string | null)[]>, key: string): string | null {
  return names.get(key)?.shift() ?? null;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
