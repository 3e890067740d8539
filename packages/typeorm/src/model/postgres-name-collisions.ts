import { RetortError, type SchemaModel } from "@retort/core";
import { hasNameToCut, truncatePostgresIdentifier } from "./postgres-identifiers";

/**
 * Two different names the server cuts to the same 63 bytes name one object: the second
 * CREATE fails with "already exists" half-way through an upgrade (or, for columns, the
 * table cannot be created at all). Found before anything is written, with the fix.
 */
export class PostgresNameCollisionError extends RetortError {
  constructor(
    readonly kind: string,
    readonly names: readonly string[],
    readonly stored: string,
    readonly where: string,
  ) {
    super(
      "identifier_collision",
      `The ${kind} names ${names.map((n) => `"${n}"`).join(" and ")}${where === "" ? "" : ` ${where}`} are longer than PostgreSQL's 63 bytes and both would be stored as "${stored}", ` +
        `so the second could never be created. Give one of them a shorter name in the entity (for example @Index("short_name") or the name option of the decorator).`,
    );
  }
}

interface Named {
  readonly kind: string;
  readonly name: string;
}

/**
 * Throws PostgresNameCollisionError for the first group of distinct names in one namespace
 * that become equal once cut. Namespaces as PostgreSQL keeps them: tables, views, indexes
 * and the indexes behind primary keys and uniques share one per schema (pg_class), enum
 * types live beside them (pg_type, where each table has a row type too), and columns and
 * the other constraints are per table.
 */
export function assertNoPostgresNameCollisions(model: SchemaModel): void {
  // Only a name the server cuts can meet another.
  if (!hasNameToCut(model)) return;
  const relations = new Map<string, Named[]>();
  const inSchema = (schema: string | null) => {
    const key = schema ?? "";
    if (!relations.has(key)) relations.set(key, []);
    return relations.get(key)!;
  };
  for (const t of model.tables) {
    const schemaWide = inSchema(t.schema);
    schemaWide.push({ kind: "table", name: t.name });
    for (const i of t.indexes) schemaWide.push({ kind: "index", name: i.name });
    if (t.primaryKey?.name) schemaWide.push({ kind: "primary key", name: t.primaryKey.name });
    for (const u of t.uniques) if (u.name !== null) schemaWide.push({ kind: "unique constraint", name: u.name });
    const where = `in table "${t.name}"`;
    check(t.columns.map((c) => ({ kind: "column", name: c.name })), where);
    check(
      [...t.foreignKeys, ...t.checks].flatMap((c) => (c.name === null ? [] : [{ kind: "constraint", name: c.name }])),
      where,
    );
  }
  for (const v of model.views) {
    const schemaWide = inSchema(v.schema);
    schemaWide.push({ kind: "view", name: v.name });
    for (const i of v.indexes) schemaWide.push({ kind: "index", name: i.name });
  }
  for (const e of model.enums) inSchema(e.schema).push({ kind: "enum type", name: e.name });
  for (const [schema, names] of relations) check(names, schema === "" ? "" : `in schema "${schema}"`);
}

function check(names: readonly Named[], where: string): void {
  const byStored = new Map<string, Named[]>();
  for (const n of names) {
    const stored = truncatePostgresIdentifier(n.name);
    const group = byStored.get(stored) ?? [];
    if (!group.some((g) => g.name === n.name)) group.push(n);
    byStored.set(stored, group);
  }
  for (const [stored, group] of byStored) {
    if (group.length < 2 || group.every((g) => g.name === stored)) continue;
    const kinds = [...new Set(group.map((g) => g.kind))];
    throw new PostgresNameCollisionError(kinds.join(" / "), group.map((g) => g.name), stored, where);
  }
}
