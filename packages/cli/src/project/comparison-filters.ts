import type { IncludeObject as CompareIncludeObject } from "@retort/compare";
import type { IncludeName } from "@retort/core";
import type { UnmanagedObjects } from "@retort/core";
import type { ResolvedConfig } from "../config/load-config";
import { isBookkeeping, retortTables, type BookkeepingTable } from "./bookkeeping-tables";

const key = (...parts: readonly (string | null)[]): string => parts.map((p) => p ?? "").join("\u0000");

/**
 * The user's includeName, never letting a bookkeeping table through (`bookkeeping-tables.ts`):
 * retort's own always (before reflection, where it costs nothing), other tools' once the
 * DataSource and the entities are known (the comparison applies it again to the reflected side).
 */
export function includeNameFor(config: ResolvedConfig, otherTools: readonly BookkeepingTable[] = []): IncludeName {
  const bookkeeping = [...retortTables(config), ...otherTools];
  const user = config.includeName;
  return (name, type, parents) => {
    if (type === "table" && name !== null && isBookkeeping(bookkeeping, parents.schemaName, name)) return false;
    return user ? user(name, type, parents) : true;
  };
}

/**
 * The user's includeObject, leaving out what TypeORM's synchronize never manages:
 * tables and views of `synchronize: false` entities and `@Index({ synchronize: false })` indexes.
 * A view no entity declares is dropped when the migrations created it (`migration-views.ts`)
 * or the user's includeObject says `true` for it (README "Views").
 * Reporting them would offer to drop objects the user keeps by hand. None when there is
 * nothing to leave out: the comparison then skips building an object per call (some
 * 20 000 at 1000 entities).
 */
export function includeObjectFor(config: ResolvedConfig, unmanaged: UnmanagedObjects, migrationViews: ReadonlySet<string> = new Set()): CompareIncludeObject | undefined {
  const tables = new Set(unmanaged.tables.map((t) => key(t.schema, t.name)));
  const views = new Set(unmanaged.views.map((v) => key(v.schema, v.name)));
  const indexes = new Set(unmanaged.indexes.map((i) => key(i.schema, i.table, i.name)));
  const user = config.includeObject as CompareIncludeObject | undefined;
  if (tables.size === 0 && indexes.size === 0 && views.size === 0) return user;
  return (object, name, type, reflected, compareTo) => {
    if (type === "table" && "columns" in object && tables.has(key(object.schema, object.name))) return false;
    if (type === "view" && "definition" in object && views.has(key(object.schema, object.name))) return false;
    // A view no entity declares: the user decides, else only the migrations' own views go.
    if (type === "view" && !user) return !(reflected && compareTo === null) || migrationViews.has(name ?? "");
    if (type === "index" && "table" in object && indexes.has(key(object.schema, object.table, name))) return false;
    return user ? user(object, name, type, reflected, compareTo) : true;
  };
}
