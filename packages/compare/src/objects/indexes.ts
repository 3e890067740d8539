import type { IndexModel } from "@retort/core";
import { pairObjects } from "../pairing";
import { includes, type TableChanges, type TableScope } from "../table-scope";

const indexShape = (i: IndexModel): string => JSON.stringify([i.parts, i.unique, i.where, i.method]);

/**
 * MySQL's own index behind a foreign key (named after the constraint, on its columns):
 * the database made it, the entities never declare it.
 */
function isImplicitForeignKeyIndex(scope: TableScope, i: IndexModel): boolean {
  if (!scope.traits.implicitForeignKeyIndex || i.unique) return false;
  const columns = i.parts.map((p) => p.column);
  return [...scope.actual.foreignKeys, ...scope.target.foreignKeys].some(
    (fk) => fk.name === i.name && fk.columns.every((c, n) => columns[n] === c),
  );
}

/**
 * Indexes are matched by name. There is no "modify index" (docs/reference.md §3): a changed one is
 * dropped and created again under the same name.
 */
export function compareIndexes(
  scope: TableScope,
  out: TableChanges,
  target: readonly IndexModel[],
  actual: readonly IndexModel[],
): void {
  const where = { schema: scope.ref.schema, table: scope.ref.table };
  const keep = (t: IndexModel | null, a: IndexModel | null) => includes(scope, "index", (i) => i.name, t, a);
  const { both, onlyTarget, onlyActual } = pairObjects(target, actual, [{ key: (i) => i.name }]);
  const drop = (index: IndexModel) => out.dropConstraints.push({ kind: "dropIndex", ...where, index, concurrently: false });
  const create = (index: IndexModel) => out.createConstraints.push({ kind: "createIndex", ...where, index, concurrently: false });
  for (const a of onlyActual) if (!isImplicitForeignKeyIndex(scope, a) && keep(null, a)) drop(a);
  for (const [t, a] of both) {
    if (indexShape(t) === indexShape(a) || !keep(t, a)) continue;
    drop(a);
    create(t);
  }
  for (const t of onlyTarget) if (keep(t, null)) create(t);
}
