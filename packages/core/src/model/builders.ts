import type {
  ColumnModel,
  ColumnType,
  IndexModel,
  IndexPart,
  SchemaModel,
  TableModel,
  ViewModel,
} from "./schema-model";

/** Builders fill every field the model requires, so partial literals stay readable. */

export function columnType(name: string, fields: Partial<Omit<ColumnType, "name">> = {}): ColumnType {
  return {
    name,
    length: fields.length ?? null,
    precision: fields.precision ?? null,
    scale: fields.scale ?? null,
    arrayDimensions: fields.arrayDimensions ?? 0,
    unsigned: fields.unsigned ?? false,
    enumValues: fields.enumValues ?? null,
    enumName: fields.enumName ?? null,
  };
}

export function column(
  name: string,
  type: ColumnType | string,
  fields: Partial<Omit<ColumnModel, "name" | "type">> = {},
): ColumnModel {
  return {
    name,
    type: typeof type === "string" ? columnType(type) : type,
    nullable: fields.nullable ?? true,
    default: fields.default ?? null,
    autoIncrement: fields.autoIncrement ?? null,
    generated: fields.generated ?? null,
    comment: fields.comment ?? null,
    collation: fields.collation ?? null,
    onUpdate: fields.onUpdate ?? null,
  };
}

export function indexPart(column: string, descending = false): IndexPart {
  return { column, expression: null, descending };
}

export function index(
  name: string,
  parts: readonly (string | IndexPart)[],
  fields: Partial<Omit<IndexModel, "name" | "parts">> = {},
): IndexModel {
  return {
    name,
    parts: parts.map((p) => (typeof p === "string" ? indexPart(p) : p)),
    unique: fields.unique ?? false,
    where: fields.where ?? null,
    method: fields.method ?? null,
  };
}

export function table(
  name: string,
  fields: Partial<Omit<TableModel, "name">> = {},
): TableModel {
  return sortTable({
    schema: fields.schema ?? null,
    name,
    comment: fields.comment ?? null,
    columns: fields.columns ?? [],
    primaryKey: fields.primaryKey ?? null,
    indexes: fields.indexes ?? [],
    uniques: fields.uniques ?? [],
    foreignKeys: fields.foreignKeys ?? [],
    checks: fields.checks ?? [],
    ...(fields.exclusions?.length ? { exclusions: fields.exclusions } : {}),
  });
}

const byName = <T extends { name: string | null }>(a: T, b: T): number =>
  compareText(a.name ?? "", b.name ?? "") || compareText(JSON.stringify(a), JSON.stringify(b));

/** Code-point order, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Puts a table's named collections in the model's canonical order. */
export function sortTable(table: TableModel): TableModel {
  // No exclusions: no `exclusions` field at all (schema-model.ts), so old models still deep-equal.
  const { exclusions, ...t } = table;
  return {
    ...t,
    indexes: [...t.indexes].sort(byName),
    uniques: [...t.uniques].sort(byName),
    foreignKeys: [...t.foreignKeys].sort(byName),
    checks: [...t.checks].sort(byName),
    ...(exclusions?.length ? { exclusions: [...exclusions].sort(byName) } : {}),
  };
}

export function view(name: string, definition: string, fields: Partial<Omit<ViewModel, "name" | "definition">> = {}): ViewModel {
  return sortView({
    schema: fields.schema ?? null,
    name,
    definition,
    materialized: fields.materialized ?? false,
    indexes: fields.indexes ?? [],
  });
}

export function sortView(v: ViewModel): ViewModel {
  return { ...v, indexes: [...v.indexes].sort(byName) };
}

/** Tables, enums and views in canonical order: default schema first, then by schema and name. */
export function sortModel(model: SchemaModel): SchemaModel {
  const bySchemaAndName = (a: { schema: string | null; name: string }, b: typeof a) =>
    compareText(a.schema ?? "", b.schema ?? "") || compareText(a.name, b.name);
  return {
    ...model,
    schemas: [...model.schemas].sort(compareText),
    tables: model.tables.map(sortTable).sort(bySchemaAndName),
    enums: [...model.enums].sort(bySchemaAndName),
    views: model.views.map(sortView).sort(bySchemaAndName),
    ...(model.extensions === undefined ? {} : { extensions: [...model.extensions].sort((a, b) => compareText(a.name, b.name)) }),
  };
}

/** `schema.table` for a non-default schema, else the bare name. */
export function qualifiedName(t: { schema: string | null; name: string }): string {
  return t.schema === null ? t.name : `${t.schema}.${t.name}`;
}
