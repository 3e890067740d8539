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

/**
 * Orders tables so that each comes after the tables it references (self-references
 * need nothing). Among the tables ready to go, the smallest name goes first, so the
 * order is deterministic; a cycle is broken at its smallest name.
 */
export function orderByDependencies(tables: readonly TableModel[]): DependencyOrder {
  const byKey = new Map(tables.map((t) => [tableKey(t), t]));
  const remaining = [...tables].sort((a, b) => compareText(tableKey(a), tableKey(b)));
  const placed = new Set<string>();
  const ordered: TableModel[] = [];
  const deferred: { table: TableModel; foreignKey: ForeignKeyModel }[] = [];
  const blockers = (t: TableModel) =>
    t.foreignKeys.filter((fk) => {
      const ref = referenceKey(fk);
      return ref !== tableKey(t) && byKey.has(ref) && !placed.has(ref);
    });
  while (remaining.length > 0) {
    let i = remaining.findIndex((t) => blockers(t).length === 0);
    if (i < 0) {
      i = 0;
      for (const foreignKey of blockers(remaining[0])) deferred.push({ table: remaining[0], foreignKey });
    }
    const [next] = remaining.splice(i, 1);
    placed.add(tableKey(next));
    ordered.push(next);
  }
  return { ordered, deferred };
}
