import type { DialectName, ForeignKeyModel, ObjectType, Operation, TableModel, TableRef } from "@retort/core";
import type { DialectTraits } from "./dialect-traits";
import type { FilterObject, ResolvedOptions } from "./options";

/** What every per-object comparator gets for one table present on both sides. */
export interface TableScope {
  readonly dialect: DialectName;
  readonly traits: DialectTraits;
  readonly options: ResolvedOptions;
  readonly ref: TableRef;
  readonly target: TableModel;
  readonly actual: TableModel;
}

/**
 * A table's operations grouped by the phase they must run in: drops of what other
 * objects depend on come first, creates of foreign keys last (see compare-schemas.ts).
 */
export interface TableChanges {
  readonly dropForeignKeys: Operation[];
  readonly dropConstraints: Operation[];
  readonly columns: Operation[];
  readonly createConstraints: Operation[];
  readonly createForeignKeys: Operation[];
  /** Foreign keys in sync on both sides (entity side, database side): later steps may still have to rebuild them. */
  readonly keptForeignKeys: (readonly [target: ForeignKeyModel, actual: ForeignKeyModel])[];
}

export function emptyChanges(): TableChanges {
  return { dropForeignKeys: [], dropConstraints: [], columns: [], createConstraints: [], createForeignKeys: [], keptForeignKeys: [] };
}

/** Adds the table to an object, as `includeObject` receives it. */
export function locate<T extends object>(scope: TableScope, object: T): T & TableRef {
  return { ...object, schema: scope.ref.schema, table: scope.ref.table };
}

/**
 * Runs `includeObject` once for a compared object (see IncludeObject): the entity side
 * with its reflected twin, else whichever side exists.
 */
export function includes<T extends object>(
  scope: TableScope,
  type: Exclude<ObjectType, "schema" | "table" | "enum">,
  name: (x: T) => string | null,
  target: T | null,
  actual: T | null,
): boolean {
  const filter = scope.options.includeObject;
  if (filter === null) return true;
  const wrap = (x: T): FilterObject => locate(scope, x) as unknown as FilterObject;
  if (target) return filter(wrap(target), name(target), type, false, actual && wrap(actual));
  if (actual) return filter(wrap(actual), name(actual), type, true, null);
  return true;
}
