import { qualifiedName, type ForeignKeyModel, type ParentNames, type SchemaModel, type TableModel } from "@retort/core";
import type { ResolvedOptions } from "./options";

/**
 * The part of a model that takes part in the comparison: schemas in scope, the version
 * table left out, and (on the reflected side) `includeName` applied. Schema names equal
 * to the default schema are written `null`, as the model's convention says, so a model
 * that spells `public` out still compares equal.
 */
export function scopeModel(model: SchemaModel, reflected: boolean, options: ResolvedOptions, reflectedSchemas: readonly string[]): SchemaModel {
  const schemaOf = (s: string | null) => (s === model.defaultSchema ? null : s);
  const inScope = (s: string | null) =>
    s === null || options.includeSchemas || reflectedSchemas.includes(s);
  const nameFilter = reflected ? options.includeName : () => true;
  const schemaIncluded = (s: string | null) =>
    s === null || nameFilter(s, "schema", { schemaName: null, tableName: null, schemaQualifiedTableName: null });
  const isVersionTable = (t: TableModel) =>
    t.name === options.versionTable && t.schema === schemaOf(options.versionTableSchema);

  const tables = model.tables
    .map((t) => ({ ...t, schema: schemaOf(t.schema), foreignKeys: t.foreignKeys.map((fk) => normalizeReference(fk, schemaOf)) }))
    .filter((t) => inScope(t.schema) && schemaIncluded(t.schema) && !isVersionTable(t))
    // As in Alembic (and introspection): for a table itself, `tableName` is null and the qualified name is the table's.
    .filter((t) => nameFilter(t.name, "table", { schemaName: t.schema, tableName: null, schemaQualifiedTableName: qualifiedName(t) }))
    .map((t) => (reflected ? filterTableParts(t, options) : t));
  const enums = model.enums
    .map((e) => ({ ...e, schema: schemaOf(e.schema) }))
    .filter((e) => inScope(e.schema) && schemaIncluded(e.schema))
    .filter((e) => nameFilter(e.name, "enum", { schemaName: e.schema, tableName: null, schemaQualifiedTableName: null }));
  const views = model.views
    .map((v) => ({ ...v, schema: schemaOf(v.schema) }))
    .filter((v) => inScope(v.schema) && schemaIncluded(v.schema))
    .filter((v) => nameFilter(v.name, "view", { schemaName: v.schema, tableName: null, schemaQualifiedTableName: qualifiedName(v) }));
  return { ...model, tables, enums, views };
}

function normalizeReference(fk: ForeignKeyModel, schemaOf: (s: string | null) => string | null): ForeignKeyModel {
  const referencedSchema = schemaOf(fk.referencedSchema);
  return referencedSchema === fk.referencedSchema ? fk : { ...fk, referencedSchema };
}

function filterTableParts(t: TableModel, options: ResolvedOptions): TableModel {
  const parents: ParentNames = {
    schemaName: t.schema,
    tableName: t.name,
    schemaQualifiedTableName: qualifiedName(t),
  };
  const keep = options.includeName;
  return {
    ...t,
    columns: t.columns.filter((c) => keep(c.name, "column", parents)),
    indexes: t.indexes.filter((i) => keep(i.name, "index", parents)),
    uniques: t.uniques.filter((u) => keep(u.name, "unique_constraint", parents)),
    foreignKeys: t.foreignKeys.filter((f) => keep(f.name, "foreign_key_constraint", parents)),
    checks: t.checks.filter((c) => keep(c.name, "check_constraint", parents)),
    ...(t.exclusions ? { exclusions: t.exclusions.filter((x) => keep(x.name, "exclusion_constraint", parents)) } : {}),
  };
}
