import type { ForeignKeyModel, IndexModel, ReferentialAction, TableModel } from "@retort/core";
import { listKey, pairObjects } from "../pairing";
import { includes, type TableChanges, type TableScope } from "../table-scope";

/**
 * What a foreign key does, without its name: engines and ORMs name them differently, so
 * two keys with the same signature are the same key (docs/reference.md §3).
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

const startsWith = (columns: readonly (string | null)[], prefix: readonly string[]) => prefix.every((c, i) => columns[i] === c);

/** Whether some key or index of the table (other than those named in `except`) can serve lookups on `columns`. */
function covered(t: TableModel, columns: readonly string[], except: ReadonlySet<string | null>): boolean {
  return (
    (t.primaryKey !== null && startsWith(t.primaryKey.columns, columns)) ||
    t.uniques.some((u) => !except.has(u.name) && startsWith(u.columns, columns)) ||
    t.indexes.some((i) => !except.has(i.name) && startsWith(i.parts.map((p) => p.column), columns))
  );
}

/** Names of the indexes and unique constraints this table's changes drop. */
function droppedIndexNames(out: TableChanges): Set<string | null> {
  const names = new Set<string | null>();
  for (const op of out.dropConstraints) {
    if (op.kind === "dropIndex") names.add(op.index.name);
    if (op.kind === "dropConstraint" && op.constraint.type === "unique") names.add(op.constraint.unique.name);
  }
  return names;
}

/**
 * MySQL refuses to drop the index a foreign key uses ("needed in a foreign key
 * constraint"). A kept key whose columns only the dropped indexes cover is dropped first
 * and created again after (InnoDB then makes its own index if nothing else covers it).
 */
function losesItsIndex(scope: TableScope, fk: ForeignKeyModel, dropped: ReadonlySet<string | null>): boolean {
  if (!scope.traits.implicitForeignKeyIndex || dropped.size === 0) return false;
  const implicit = fk.name === null ? null : /_ibfk_\d+$/.test(fk.name) ? fk.columns[0] : fk.name;
  const hiddenImplicit = !covered(scope.actual, fk.columns, new Set([implicit]));
  return !hiddenImplicit && !covered(scope.actual, fk.columns, new Set([...dropped, implicit]));
}

/**
 * MySQL's own index behind a dropped foreign key (named after the key, or after its
 * first column for an unnamed `<table>_ibfk_<n>` key). InnoDB made it because nothing
 * else covered the columns, and keeps it after the key is gone
 * (https://dev.mysql.com/doc/refman/8.0/en/constraint-foreign-key.html). When the
 * entities no longer need an index there, it goes with its key, so one migration
 * closes the diff.
 */
function implicitIndexLeftBehind(scope: TableScope, fk: ForeignKeyModel, renamedTo: ForeignKeyModel | null): IndexModel | null {
  if (!scope.traits.implicitForeignKeyIndex || fk.name === null) return null;
  const name = /_ibfk_\d+$/.test(fk.name) ? fk.columns[0] : fk.name;
  if (covered(scope.actual, fk.columns, new Set([name]))) return null;
  // A renamed key's old index goes too: InnoDB makes one under the new name.
  const stillNeeded =
    scope.target.foreignKeys.some((t) => t !== renamedTo && (startsWith(t.columns, fk.columns) || startsWith(fk.columns, t.columns))) ||
    scope.target.indexes.some((i) => i.name === name);
  if (stillNeeded) return null;
  return { name, parts: fk.columns.map((column) => ({ column, expression: null, descending: false })), unique: false, where: null, method: null };
}

/**
 * A kept key whose name changed (`foreignKeyConstraintName`): the same signature under
 * another name. Only where the engine keeps names and both sides carry one; the target's
 * name is the one the engine will store (PostgreSQL's 63-byte cut is applied by the model
 * sources). There is no rename kind: like a renamed unique constraint it is a drop and a
 * create (docs/reference.md §3).
 */
function renamed(scope: TableScope, t: ForeignKeyModel, a: ForeignKeyModel): boolean {
  return scope.traits.foreignKeyNames && t.name !== null && a.name !== null && t.name !== a.name;
}

/** A changed key has another signature: it shows as a drop of the old and a create of the new. */
export function compareForeignKeys(scope: TableScope, out: TableChanges): void {
  const where = { schema: scope.ref.schema, table: scope.ref.table };
  const signature = (fk: ForeignKeyModel) => foreignKeySignature(fk, scope.traits.actionSynonyms);
  const { both, onlyTarget, onlyActual } = pairObjects(scope.target.foreignKeys, scope.actual.foreignKeys, [{ key: signature }]);
  const keep = (t: ForeignKeyModel | null, a: ForeignKeyModel | null) => includes(scope, "foreign_key_constraint", (f) => f.name, t, a);
  for (const a of onlyActual) {
    if (!keep(null, a)) continue;
    out.dropForeignKeys.push({ kind: "dropConstraint", ...where, constraint: { type: "foreignKey", foreignKey: a } });
    const index = implicitIndexLeftBehind(scope, a, null);
    if (index) out.dropForeignKeys.push({ kind: "dropIndex", ...where, index, concurrently: false });
  }
  const dropped = droppedIndexNames(out);
  for (const [t, a] of both) {
    if (!keep(t, a)) continue;
    const isRenamed = renamed(scope, t, a);
    if (!isRenamed && !losesItsIndex(scope, a, dropped)) {
      out.keptForeignKeys.push([t, a]);
      continue;
    }
    // A renamed key's own InnoDB index goes with it (`implicitIndex`, checked when the
    // migration runs); an unnamed `_ibfk_` key's index has another name and is dropped here.
    const named = isRenamed && scope.traits.implicitForeignKeyIndex && a.name !== null && !/_ibfk_\d+$/.test(a.name);
    out.dropForeignKeys.push({ kind: "dropConstraint", ...where, constraint: { type: "foreignKey", foreignKey: a }, ...(named ? { implicitIndex: true } : {}) });
    const index = isRenamed && !named ? implicitIndexLeftBehind(scope, a, t) : null;
    if (index) out.dropForeignKeys.push({ kind: "dropIndex", ...where, index, concurrently: false });
    out.createForeignKeys.push({ kind: "createForeignKey", ...where, foreignKey: t });
  }
  for (const t of onlyTarget) if (keep(t, null)) out.createForeignKeys.push({ kind: "createForeignKey", ...where, foreignKey: t });
}
