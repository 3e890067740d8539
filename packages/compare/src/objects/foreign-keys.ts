import type { ForeignKeyModel, ReferentialAction } from "@retort/core";
import { listKey, pairObjects } from "../pairing";
import { includes, type TableChanges, type TableScope } from "../table-scope";

/**
 * What a foreign key does, without its name: engines and ORMs name them differently, so
 * two keys with the same signature are the same key (SPEC.md §3).
 */
export function foreignKeySignature(fk: ForeignKeyModel, actionSynonyms: Readonly<Partial<Record<ReferentialAction, ReferentialAction>>>): string {
  const action = (a: ReferentialAction) => actionSynonyms[a] ?? a;
  return listKey([
    listKey(fk.columns),
    fk.referencedSchema,
    fk.referencedTable,
    listKey(fk.referencedColumns),
    action(fk.onDelete),
    action(fk.onUpdate),
    fk.deferrable,
  ]);
}

/** A changed key has another signature: it shows as a drop of the old and a create of the new. */
export function compareForeignKeys(scope: TableScope, out: TableChanges): void {
  const where = { schema: scope.ref.schema, table: scope.ref.table };
  const signature = (fk: ForeignKeyModel) => foreignKeySignature(fk, scope.traits.actionSynonyms);
  const { both, onlyTarget, onlyActual } = pairObjects(scope.target.foreignKeys, scope.actual.foreignKeys, [{ key: signature }]);
  const keep = (t: ForeignKeyModel | null, a: ForeignKeyModel | null) => includes(scope, "foreign_key_constraint", (f) => f.name, t, a);
  for (const a of onlyActual) {
    if (keep(null, a)) out.dropForeignKeys.push({ kind: "dropConstraint", ...where, constraint: { type: "foreignKey", foreignKey: a } });
  }
  for (const [t, a] of both) keep(t, a);
  for (const t of onlyTarget) if (keep(t, null)) out.createForeignKeys.push({ kind: "createForeignKey", ...where, foreignKey: t });
}
