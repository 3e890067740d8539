import { withoutWrittenCheck, type ColumnModel, type Operation, type TableModel, type TableOperation } from "@retort/core";
import { columnAlteration } from "./column-alteration";
import { deepEqual } from "./deep-equal";

/**
 * The table operations that turn `from` into `to`, two versions of one table (after a
 * renameTable). Indexes and constraints that changed at all are dropped and recreated,
 * as the comparator does (docs/reference.md §3: no modify_index / modify_fk).
 */
export function diffTable(from: TableModel, to: TableModel): TableOperation[] | { readonly impossible: string } {
  const where = { schema: to.schema, table: to.name };
  const missing = <T>(items: readonly T[], other: readonly T[]) => items.filter((x) => !other.some((y) => deepEqual(x, y)));
  // A check is compared without the entity's own spelling (written-spelling.ts in core).
  const missingChecks = (items: TableModel["checks"], other: TableModel["checks"]) =>
    items.filter((x) => !other.some((y) => deepEqual(withoutWrittenCheck(x), withoutWrittenCheck(y))));
  const pkChanged = !deepEqual(from.primaryKey, to.primaryKey);

  const drops: TableOperation[] = [
    ...missing(from.foreignKeys, to.foreignKeys).map((foreignKey) => dropConstraint(where, { type: "foreignKey", foreignKey })),
    ...missing(from.uniques, to.uniques).map((unique) => dropConstraint(where, { type: "unique", unique })),
    ...missingChecks(from.checks, to.checks).map((check) => dropConstraint(where, { type: "check", check })),
    ...missing(from.indexes, to.indexes).map((index): TableOperation => ({ kind: "dropIndex", ...where, index, concurrently: false })),
    ...(pkChanged && from.primaryKey ? [dropConstraint(where, { type: "primaryKey", primaryKey: from.primaryKey })] : []),
  ];
  const columns = diffColumns(where, from.columns, to.columns);
  if ("impossible" in columns) return columns;
  const creates: TableOperation[] = [
    ...(pkChanged && to.primaryKey ? [{ kind: "createPrimaryKey" as const, ...where, primaryKey: to.primaryKey }] : []),
    ...missing(to.uniques, from.uniques).map((unique): TableOperation => ({ kind: "createUniqueConstraint", ...where, unique })),
    ...missingChecks(to.checks, from.checks).map((check): TableOperation => ({ kind: "createCheckConstraint", ...where, check })),
    ...missing(to.indexes, from.indexes).map((index): TableOperation => ({ kind: "createIndex", ...where, index, concurrently: false })),
    ...missing(to.foreignKeys, from.foreignKeys).map((foreignKey): TableOperation => ({ kind: "createForeignKey", ...where, foreignKey })),
  ];
  const comment: TableOperation[] =
    from.comment === to.comment ? [] : [{ kind: "alterTableComment", ...where, comment: { from: from.comment, to: to.comment } }];
  return [...drops, ...columns, ...creates, ...comment];
}

function dropConstraint(
  where: { schema: string | null; table: string },
  constraint: Extract<Operation, { kind: "dropConstraint" }>["constraint"],
): TableOperation {
  return { kind: "dropConstraint", ...where, constraint };
}

function diffColumns(
  where: { schema: string | null; table: string },
  from: readonly ColumnModel[],
  to: readonly ColumnModel[],
): TableOperation[] | { readonly impossible: string } {
  const out: TableOperation[] = [];
  for (const column of from) {
    if (!to.some((c) => c.name === column.name)) out.push({ kind: "dropColumn", ...where, column });
  }
  for (const column of to) {
    const before = from.find((c) => c.name === column.name);
    if (!before) {
      out.push({ kind: "addColumn", ...where, column });
      continue;
    }
    const alter = columnAlteration(where, before, column);
    if ("impossible" in alter) return { impossible: `column "${column.name}" cannot be altered in place: ${alter.impossible}` };
    if (Object.keys(alter.changes).length > 0) out.push(alter);
  }
  return out;
}
