import type { TableModel } from "@retort/core";
import { table as tableModel } from "@retort/core";

/**
 * A table mapped twice: typically a `@ManyToMany` `@JoinTable` and an explicit `@Entity`
 * of the same name (n8n, Flowise). TypeORM's synchronize creates one table from whichever
 * metadata comes first (entities before the junction metadatas it appends), then brings
 * it to each later mapping with its update steps (docs/schema-objects.md, "A table mapped
 * twice"):
 *
 * - columns the later mapping lacks are dropped, its new ones appended, and a shared
 *   column takes the later mapping's definition (`updateExistColumns`);
 * - the primary key stays the first one's (its column order included) unless the later
 *   one has a different number of columns and more than one;
 * - indexes, uniques, checks and foreign keys of both are created.
 *
 * `tables` are in TypeORM's metadata order; the result keeps the first position of each name.
 */
export function mergeTwiceMappedTables(tables: readonly TableModel[]): TableModel[] {
  const merged = new Map<string, TableModel>();
  for (const t of tables) {
    const key = `${t.schema ?? ""}.${t.name}`;
    const first = merged.get(key);
    merged.set(key, first === undefined ? t : mergeInto(first, t));
  }
  return [...merged.values()];
}

function mergeInto(created: TableModel, later: TableModel): TableModel {
  const laterColumns = new Map(later.columns.map((c) => [c.name, c]));
  const kept = created.columns.filter((c) => laterColumns.has(c.name)).map((c) => laterColumns.get(c.name)!);
  const appended = later.columns.filter((c) => !created.columns.some((x) => x.name === c.name));
  const createdKey = created.primaryKey;
  const laterKey = later.primaryKey;
  const keyColumnsLeft = createdKey?.columns.every((c) => laterColumns.has(c)) ?? false;
  const switchKey = laterKey !== null && (createdKey === null || !keyColumnsLeft || (createdKey.columns.length !== laterKey.columns.length && laterKey.columns.length > 1));
  return tableModel(created.name, {
    schema: created.schema,
    comment: created.comment,
    columns: [...kept, ...appended],
    primaryKey: switchKey ? laterKey : createdKey,
    indexes: union(created.indexes, later.indexes),
    uniques: union(created.uniques, later.uniques),
    checks: union(created.checks, later.checks),
    foreignKeys: union(created.foreignKeys, later.foreignKeys),
  });
}

/** Both lists, an object of the later one left out when one of the same name (or, unnamed, the same shape) is there. */
function union<T extends { readonly name: string | null }>(first: readonly T[], later: readonly T[]): T[] {
  const same = (a: T, b: T) => (a.name !== null && a.name === b.name) || JSON.stringify(a) === JSON.stringify(b);
  return [...first, ...later.filter((l) => !first.some((f) => same(f, l)))];
}
