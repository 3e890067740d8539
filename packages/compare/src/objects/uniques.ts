import type { IndexModel, UniqueConstraintModel } from "@retort/core";
import { listKey, pairObjects } from "../pairing";
import { includes, type TableChanges, type TableScope } from "../table-scope";
import { compareIndexes } from "./indexes";

/** A unique constraint, or (on MySQL/MariaDB) a unique index that is nothing more than one. */
type UniqueLike =
  | { readonly name: string | null; readonly columns: readonly string[]; readonly origin: "unique"; readonly unique: UniqueConstraintModel }
  | { readonly name: string | null; readonly columns: readonly string[]; readonly origin: "index"; readonly index: IndexModel };

const fromUnique = (unique: UniqueConstraintModel): UniqueLike => ({ name: unique.name, columns: unique.columns, origin: "unique", unique });

/** A unique index on plain ascending columns, with no predicate or method: a unique constraint in all but name. */
function isPlainUniqueIndex(i: IndexModel): boolean {
  return i.unique && i.where === null && i.method === null && i.parts.every((p) => p.column !== null && !p.descending);
}

function fromIndex(index: IndexModel): UniqueLike {
  return { name: index.name, columns: index.parts.map((p) => p.column ?? ""), origin: "index", index };
}

const shape = (u: UniqueLike): string => listKey([...u.columns, u.origin === "unique" ? (u.unique.deferrable ?? "") : ""]);

/**
 * Unique constraints are matched by name when both sides are named, else (SQLite's
 * unnamed inline constraints) by columns. On MySQL/MariaDB, where a unique constraint is
 * a unique index, both kinds are matched together, so `@Unique` against the reflected
 * unique index on the same columns is in sync. Indexes go on to `compareIndexes`.
 */
export function compareUniquesAndIndexes(scope: TableScope, out: TableChanges): void {
  const merge = scope.traits.uniqueIsIndex;
  const split = (t: { uniques: readonly UniqueConstraintModel[]; indexes: readonly IndexModel[] }) => ({
    uniques: [...t.uniques.map(fromUnique), ...(merge ? t.indexes.filter(isPlainUniqueIndex).map(fromIndex) : [])],
    indexes: merge ? t.indexes.filter((i) => !isPlainUniqueIndex(i)) : t.indexes,
  });
  const target = split(scope.target);
  const actual = split(scope.actual);
  compareUniqueLikes(scope, out, target.uniques, actual.uniques);
  compareIndexes(scope, out, target.indexes, actual.indexes);
}

function compareUniqueLikes(scope: TableScope, out: TableChanges, target: readonly UniqueLike[], actual: readonly UniqueLike[]): void {
  const where = { schema: scope.ref.schema, table: scope.ref.table };
  const { both, onlyTarget, onlyActual } = pairObjects(target, actual, [
    { key: (u) => u.name },
    { key: (u) => listKey(u.columns), accept: (t, a) => t.name === null || a.name === null },
  ]);
  const keep = (t: UniqueLike | null, a: UniqueLike | null): boolean => {
    const type = (t ?? a)?.origin === "index" ? "index" : "unique_constraint";
    const unwrap = (u: UniqueLike | null) => (u === null ? null : u.origin === "index" ? u.index : u.unique);
    return includes<IndexModel | UniqueConstraintModel>(scope, type, (x) => x.name, unwrap(t), unwrap(a));
  };
  const drop = (u: UniqueLike) =>
    out.dropConstraints.push(
      u.origin === "index"
        ? { kind: "dropIndex", ...where, index: u.index, concurrently: false }
        : { kind: "dropConstraint", ...where, constraint: { type: "unique", unique: u.unique } },
    );
  const create = (u: UniqueLike) =>
    out.createConstraints.push(
      u.origin === "index"
        ? { kind: "createIndex", ...where, index: u.index, concurrently: false }
        : { kind: "createUniqueConstraint", ...where, unique: u.unique },
    );
  for (const a of onlyActual) if (keep(null, a)) drop(a);
  for (const [t, a] of both) {
    if (!keep(t, a)) continue;
    if (shape(t) === shape(a) && (scope.traits.uniqueIsIndex || t.origin === a.origin)) continue;
    drop(a);
    create(t);
  }
  for (const t of onlyTarget) if (keep(t, null)) create(t);
}
