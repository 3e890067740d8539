import type { ColumnModel, SchemaModel, TableModel } from "@retort/core";

/** A reflected table by name, failing with the names that were reflected. */
export function tableOf(model: SchemaModel, name: string, schema: string | null = null): TableModel {
  const found = model.tables.find((t) => t.name === name && t.schema === schema);
  if (!found)
    throw new Error(`table ${schema ?? ""}.${name} not reflected; got ${model.tables.map((t) => t.name).join(", ")}`);
  return found;
}

export function columnOf(model: SchemaModel, tableName: string, columnName: string, schema: string | null = null): ColumnModel {
  const found = tableOf(model, tableName, schema).columns.find((c) => c.name === columnName);
  if (!found) throw new Error(`column ${tableName}.${columnName} not reflected`);
  return found;
}
