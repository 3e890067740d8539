import { compareText, type ForeignKeyModel, type TableModel } from "@retort/core";

export const tableKey = (t: { schema: string | null; name: string }): string => `${t.schema ?? ""}\u0000${t.name}`;
const referenceKey = (fk: ForeignKeyModel): string => `${fk.referencedSchema ?? ""}\u0000${fk.referencedTable}`;

export interface DependencyOrder {
  /** Every referenced table before the tables that reference it. */
  readonly ordered: readonly TableModel[];
  /**
   * Foreign keys that close a cycle among the tables: they cannot be part of their
   * table's CREATE (or survive until its DROP), so they are created after all the
   * tables (or dropped before any).
   */
  readonly deferred: readonly { readonly table: TableModel; readonly foreignKey: ForeignKeyModel }[];
}

/** Inserts into a list kept sorted by key (the ready queue stays small and ordered). */
function insertSorted(list: string[], key: string): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareText(list[mid], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, key);
}

/**
 * Orders tables so that each comes after the tables it references (self-references
 * need nothing): Kahn's algorithm where, among the tables ready to go, the smallest name
 * goes first, so the order is deterministic. A cycle is broken at its smallest name,
 * whose keys to the tables still waiting are deferred.
 */
export function orderByDependencies(tables: readonly TableModel[]): DependencyOrder {
  const byKey = new Map(tables.map((t) => [tableKey(t), t]));
  const waitingOn = new Map<string, Set<string>>();
  const referencedBy = new Map<string, string[]>();
  for (const [key, t] of byKey) {
    const refs = new Set(t.foreignKeys.map(referenceKey).filter((r) => r !== key && byKey.has(r)));
    waitingOn.set(key, refs);
    for (const r of refs) {
      const dependants = referencedBy.get(r);
      if (dependants) dependants.push(key);
      else referencedBy.set(r, [key]);
    }
  }
  const ready = [...byKey.keys()].filter((k) => waitingOn.get(k)!.size === 0).sort(compareText);
  const pending = new Set(byKey.keys());
  const ordered: TableModel[] = [];
  const deferred: { table: TableModel; foreignKey: ForeignKeyModel }[] = [];
  const place = (key: string) => {
    pending.delete(key);
    ordered.push(byKey.get(key)!);
    for (const dependant of referencedBy.get(key) ?? []) {
      const refs = waitingOn.get(dependant)!;
      if (refs.delete(key) && refs.size === 0 && pending.has(dependant)) insertSorted(ready, dependant);
    }
  };
  while (pending.size > 0) {
    const next = ready.shift();
    if (next !== undefined) {
      if (pending.has(next)) place(next);
      continue;
    }
    const stuck = [...pending].sort(compareText)[0];
    const t = byKey.get(stuck)!;
    const waiting = waitingOn.get(stuck)!;
    for (const foreignKey of t.foreignKeys) if (waiting.has(referenceKey(foreignKey))) deferred.push({ table: t, foreignKey });
    waiting.clear();
    place(stuck);
  }
  return { ordered, deferred };
}
