import {
  column,
  columnType,
  formatType,
  writtenIfDifferent,
  index,
  table,
  type ColumnDefinition,
  type ColumnModel,
  type ColumnType,
  type DialectName,
  type CreateIndexOptions,
  type CreateTableOptions,
  type ForeignKeyDefinition,
  type ForeignKeyModel,
  type IndexModel,
  type IndexPartDefinition,
  type ViewModel,
  type ViewOptions,
  view,
  type TableModel,
} from "@retort/core";
import { dialectAutoIncrement, isSerialSpelling, parseOpType, SQLITE_TYPE_FROM_PORTABLE, UNKNOWN_TYPE_NAME, type EnumFacts } from "@retort/dialects";

/** Turns the op API's friendly arguments into the neutral model objects operations carry. */

export function typeOf(text: string, dialect: DialectName, facts: EnumFacts = {}): ColumnType {
  return parseOpType(text, dialect, facts);
}

/** A placeholder type for facts a migration did not give (a dropped column's type …). */
export const UNKNOWN_TYPE: ColumnType = columnType(UNKNOWN_TYPE_NAME);

export function columnModel(def: ColumnDefinition, dialect: DialectName): ColumnModel {
  const serial = isSerialSpelling(def.type);
  const type = typeOf(serial ? serialBase(def.type) : def.type, dialect, enumFacts(def));
  const writtenType = dialect === "sqlite" && !serial ? sqliteWrittenType(def.type, type) : undefined;
  const model = column(def.name, type, {
    // A primary key column is NOT NULL whatever the definition says.
    nullable: def.primaryKey ? false : (def.nullable ?? true),
    default: def.default ?? null,
    autoIncrement: dialectAutoIncrement(def.autoIncrement ?? (serial ? "serial" : null), dialect),
    generated: def.generated ?? null,
    comment: def.comment ?? null,
    collation: def.collation ?? null,
    onUpdate: def.onUpdate ?? null,
  });
  return writtenType === undefined ? model : { ...model, writtenType };
}

/**
 * SQLite keeps a declared type verbatim, and TypeORM's schema builder compares that text:
 * `decimal(10,2)` stays `decimal(10,2)` rather than the normalised `numeric(10,2)`
 * (docs/typeorm-coexistence.md). Portable names SQLite maps (`timestamptz`, `jsonb`…),
 * enums and arrays are rendered from the type as before.
 */
function sqliteWrittenType(text: string, type: ColumnType): string | undefined {
  if (type.name === "enum" || type.arrayDimensions > 0 || type.name in SQLITE_TYPE_FROM_PORTABLE) return undefined;
  return writtenIfDifferent(text.trim().toLowerCase().replace(/\s+/g, " "), formatType(type));
}

export function enumFacts(def: { enumValues?: readonly string[]; enumName?: string }) {
  return { ...(def.enumValues ? { enumValues: def.enumValues } : {}), ...(def.enumName ? { enumName: def.enumName } : {}) };
}

/** `bigserial` is a `bigint` that auto-increments. */
function serialBase(text: string): string {
  const t = text.trim().toLowerCase();
  return t.startsWith("big") || t === "serial8" ? "bigint" : t.startsWith("small") || t === "serial2" ? "smallint" : "integer";
}

export function indexModel(name: string, parts: readonly IndexPartDefinition[], options: CreateIndexOptions = {}): IndexModel {
  return index(
    name,
    parts.map((p) =>
      typeof p === "string"
        ? { column: p, expression: null, descending: false }
        : { column: p.column ?? null, expression: p.column ? null : (p.expression ?? null), descending: p.desc ?? false },
    ),
    { unique: options.unique ?? false, where: options.where ?? null, method: options.method ?? null },
  );
}

export function foreignKeyModel(name: string | null, fk: ForeignKeyDefinition): ForeignKeyModel {
  return {
    name,
    columns: fk.columns,
    referencedSchema: fk.referencedSchema ?? null,
    referencedTable: fk.referencedTable,
    referencedColumns: fk.referencedColumns,
    onDelete: fk.onDelete ?? "NO ACTION",
    onUpdate: fk.onUpdate ?? "NO ACTION",
    deferrable: fk.deferrable ?? null,
  };
}

export function tableModel(
  name: string,
  columns: readonly ColumnDefinition[],
  options: CreateTableOptions,
  dialect: DialectName,
): TableModel {
  const pkColumns = options.primaryKey?.columns ?? columns.filter((c) => c.primaryKey).map((c) => c.name);
  const pkSet = new Set(pkColumns);
  return table(name, {
    schema: options.schema ?? null,
    comment: options.comment ?? null,
    columns: columns.map((c) => columnModel(pkSet.has(c.name) ? { ...c, primaryKey: true } : c, dialect)),
    primaryKey: pkColumns.length > 0 ? { name: options.primaryKey?.name ?? null, columns: pkColumns } : null,
    uniques: (options.uniques ?? []).map((u) => ({ name: u.name ?? null, columns: u.columns, deferrable: null })),
    foreignKeys: (options.foreignKeys ?? []).map((f) => foreignKeyModel(f.name ?? null, f)),
    checks: (options.checks ?? []).map((c) => ({ name: c.name ?? null, expression: c.expression })),
    exclusions: (options.exclusions ?? []).map((x) => ({ name: x.name, expression: x.expression })),
  });
}

/** A view as the op API describes it (createView, and what dropView / replaceView say it was). */
export function viewModel(name: string, definition: string, options: ViewOptions = {}): ViewModel {
  return view(name, definition, {
    schema: options.schema ?? null,
    materialized: options.materialized ?? false,
    indexes: (options.indexes ?? []).map((i) => indexModel(i.name, i.parts, i)),
  });
}
