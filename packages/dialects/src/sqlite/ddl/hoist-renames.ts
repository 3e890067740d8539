import type { AlterColumnOp, TableOperation } from "@retort/core";

export interface HoistedRenames {
  /** Column renames to run first, in order, with SQLite's own `ALTER TABLE … RENAME COLUMN`. */
  readonly renames: readonly { readonly from: string; readonly to: string }[];
  /** The other operations, naming columns as they are once every rename has run. */
  readonly rest: readonly TableOperation[];
}

/**
 * SQLite's RENAME COLUMN rewrites every reference to the column (checks, indexes,
 * triggers, views, other tables' foreign keys: https://www.sqlite.org/lang_altertable.html#altertabrencol),
 * which a rebuild from the model could not. So a batch's renames run first, in place, and
 * the rest of the batch is rewritten to the final names.
 */
export function hoistRenames(operations: readonly TableOperation[]): HoistedRenames {
  const renames: { from: string; to: string }[] = [];
  const rest: TableOperation[] = [];
  operations.forEach((op, i) => {
    const later = operations.slice(i + 1);
    const finalName = (name: string) =>
      later.reduce((n, o) => (o.kind === "alterColumn" && o.changes.name?.from === n ? o.changes.name.to : n), name);
    if (op.kind === "alterColumn" && op.changes.name) {
      renames.push({ from: op.changes.name.from, to: op.changes.name.to });
      const { name: _renamed, ...others } = op.changes;
      void _renamed;
      if (Object.values(others).some((v) => v !== undefined)) {
        rest.push({ ...op, column: finalName(op.changes.name.to), changes: others } satisfies AlterColumnOp);
      }
      return;
    }
    rest.push(renameColumns(op, finalName));
  });
  return { renames, rest };
}

function renameColumns(op: TableOperation, to: (name: string) => string): TableOperation {
  const all = (columns: readonly string[]) => columns.map(to);
  switch (op.kind) {
    case "alterColumn":
      return { ...op, column: to(op.column) };
    case "dropColumn":
      return { ...op, column: { ...op.column, name: to(op.column.name) } };
    case "createIndex":
      return {
        ...op,
        index: { ...op.index, parts: op.index.parts.map((p) => ({ ...p, column: p.column && to(p.column) })) },
      };
    case "createUniqueConstraint":
      return { ...op, unique: { ...op.unique, columns: all(op.unique.columns) } };
    case "createForeignKey":
      return { ...op, foreignKey: { ...op.foreignKey, columns: all(op.foreignKey.columns) } };
    case "createPrimaryKey":
      return { ...op, primaryKey: { ...op.primaryKey, columns: all(op.primaryKey.columns) } };
    default:
      return op;
  }
}
