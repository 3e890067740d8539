import type { ColumnModel, EnumTypeModel, SchemaModel, TableModel } from "@retort/core";

/**
 * PostgreSQL keeps at most NAMEDATALEN - 1 = 63 bytes of an identifier and silently
 * drops the rest (https://www.postgresql.org/docs/15/sql-syntax-lexical.html), cutting
 * before a multi-byte character rather than inside it (pg_mbcliplen).
 */
export const POSTGRES_MAX_IDENTIFIER_BYTES = 63;

export function truncatePostgresIdentifier(name: string): string {
  if (!mayBeTooLong(name)) return name;
  let kept = "";
  let bytes = 0;
  for (const char of name) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > POSTGRES_MAX_IDENTIFIER_BYTES) break;
    kept += char;
    bytes += size;
  }
  return kept;
}

/**
 * Is the name longer than 63 bytes? Most names are answered without counting bytes: not
 * with 21 UTF-16 units or fewer (3 bytes each at most), nor with 63 or fewer all ASCII.
 */
function mayBeTooLong(name: string): boolean {
  if (name.length <= POSTGRES_MAX_IDENTIFIER_BYTES / 3) return false;
  if (name.length <= POSTGRES_MAX_IDENTIFIER_BYTES && !NOT_ASCII.test(name)) return false;
  return Buffer.byteLength(name, "utf8") > POSTGRES_MAX_IDENTIFIER_BYTES;
}

const NOT_ASCII = /[^\x00-\x7f]/;

/** A name the server will store shorter than the entities spell it. */
export interface TruncatedName {
  readonly kind: string;
  readonly name: string;
  readonly truncated: string;
}

/**
 * The model with every name as PostgreSQL will store it, so that comparing it with the
 * reflected schema finds the same objects (a 70-character table name otherwise looks
 * like a table to drop and one to create, forever). Each name cut is reported once.
 */
export function withPostgresIdentifiers(model: SchemaModel, report: (t: TruncatedName) => void): SchemaModel {
  // Most models have no name to cut: then the model is the answer, without a copy.
  if (!hasNameToCut(model)) return model;
  const seen = new Set<string>();
  const cut = (kind: string) => (name: string): string => {
    const truncated = truncatePostgresIdentifier(name);
    if (truncated !== name && !seen.has(`${kind}\u0000${name}`)) {
      seen.add(`${kind}\u0000${name}`);
      report({ kind, name, truncated });
    }
    return truncated;
  };
  const nullable = (f: (n: string) => string) => (name: string | null) => (name === null ? null : f(name));
  const [schema, table, column, constraint, index, enumName] = [
    nullable(cut("schema")),
    cut("table"),
    cut("column"),
    nullable(cut("constraint")),
    cut("index"),
    cut("enum type"),
  ];
  const columns = (names: readonly string[]) => names.map(column);
  const enumsBySpelling = firstBySpelling(model.enums);
  const enumType = (e: EnumTypeModel): EnumTypeModel => ({ ...e, schema: schema(e.schema), name: enumName(e.name) });
  const columnModel = (c: ColumnModel): ColumnModel => ({
    ...c,
    name: column(c.name),
    type: c.type.enumName === null ? c.type : { ...c.type, enumName: qualifiedEnumName(c.type.enumName, enumsBySpelling, schema, enumName) },
  });
  const tableModel = (t: TableModel): TableModel => ({
    ...t,
    schema: schema(t.schema),
    name: table(t.name),
    columns: t.columns.map(columnModel),
    primaryKey: t.primaryKey && { ...t.primaryKey, name: constraint(t.primaryKey.name), columns: columns(t.primaryKey.columns) },
    indexes: t.indexes.map((i) => ({ ...i, name: index(i.name), parts: i.parts.map((p) => (p.column === null ? p : { ...p, column: column(p.column) })) })),
    uniques: t.uniques.map((u) => ({ ...u, name: constraint(u.name), columns: columns(u.columns) })),
    foreignKeys: t.foreignKeys.map((f) => ({
      ...f,
      name: constraint(f.name),
      columns: columns(f.columns),
      referencedSchema: schema(f.referencedSchema),
      referencedTable: table(f.referencedTable),
      referencedColumns: columns(f.referencedColumns),
    })),
    checks: t.checks.map((c) => ({ ...c, name: constraint(c.name) })),
  });
  return {
    ...model,
    schemas: model.schemas.map((s) => schema(s) ?? s),
    tables: model.tables.map(tableModel),
    enums: model.enums.map(enumType),
    // A view's name and a materialized view's index names are cut too; its definition is SQL text.
    views: model.views.map((v) => ({
      ...v,
      schema: schema(v.schema),
      name: table(v.name),
      indexes: v.indexes.map((i) => ({ ...i, name: index(i.name), parts: i.parts.map((p) => (p.column === null ? p : { ...p, column: column(p.column) })) })),
    })),
  };
}

/**
 * Does the model have a name PostgreSQL would store cut (one `withPostgresIdentifiers`
 * cuts)? When not, nothing is cut and no two names can meet: one walk, nothing copied.
 */
export function hasNameToCut(model: SchemaModel): boolean {
  const cut = (name: string | null): boolean => name !== null && mayBeTooLong(name);
  const anyCut = (names: readonly (string | null)[]): boolean => names.some(cut);
  const anyPartCut = (parts: readonly { readonly column: string | null }[]): boolean => parts.some((p) => cut(p.column));
  if (anyCut(model.schemas)) return true;
  for (const t of model.tables) {
    if (cut(t.schema) || cut(t.name) || t.columns.some((c) => cut(c.name))) return true;
    if (t.primaryKey && (cut(t.primaryKey.name) || anyCut(t.primaryKey.columns))) return true;
    if (t.indexes.some((i) => cut(i.name) || anyPartCut(i.parts))) return true;
    if (t.uniques.some((u) => cut(u.name) || anyCut(u.columns))) return true;
    if (t.foreignKeys.some((f) => cut(f.name) || anyCut(f.columns) || cut(f.referencedSchema) || cut(f.referencedTable) || anyCut(f.referencedColumns))) return true;
    if (t.checks.some((c) => cut(c.name))) return true;
  }
  if (model.enums.some((e) => cut(e.schema) || cut(e.name))) return true;
  return model.views.some((v) => cut(v.schema) || cut(v.name) || v.indexes.some((i) => cut(i.name) || anyPartCut(i.parts)));
}

/** Each enum type by how a column spells it (`name` or `schema.name`), the first of the model's when two spell alike: one lookup per column, not a scan. */
function firstBySpelling(enums: readonly EnumTypeModel[]): ReadonlyMap<string, EnumTypeModel> {
  const bySpelling = new Map<string, EnumTypeModel>();
  for (const e of enums) {
    const spelled = e.schema === null ? e.name : `${e.schema}.${e.name}`;
    if (!bySpelling.has(spelled)) bySpelling.set(spelled, e);
  }
  return bySpelling;
}

/** A column's `enumName` is `name` or `schema.name` of one of the model's enum types. */
function qualifiedEnumName(
  spelled: string,
  enums: ReadonlyMap<string, EnumTypeModel>,
  schema: (s: string | null) => string | null,
  name: (n: string) => string,
): string {
  const e = enums.get(spelled);
  if (!e) return spelled;
  return e.schema === null ? name(e.name) : `${schema(e.schema)}.${name(e.name)}`;
}
