import { isTableOperation, type BatchAlterTableOp, type Operation, type TableOperation } from "@retort/core";
import { tableKey } from "../analysis/flatten";

/** Table operations that have a `batch.*` counterpart (a table comment does not). */
function batchable(op: Operation): op is Exclude<TableOperation, { kind: "alterTableComment" }> {
  return isTableOperation(op) && op.kind !== "alterTableComment";
}

/** What SQLite does in place on any table (https://www.sqlite.org/lang_altertable.html). */
const IN_PLACE: ReadonlySet<Operation["kind"]> = new Set(["createIndex", "dropIndex"]);

/**
 * SQLite cannot ALTER most things in place, so (like Alembic's `render_as_batch`) the
 * operations on an existing table are grouped into `batchAlterTable` blocks. Only
 * consecutive operations on the same table are merged: moving an operation past
 * another could break an order the comparator chose (an FK after the column it uses).
 * Indexes of tables created or dropped in the same list need no rebuild and stay plain;
 * their constraints do not: a foreign key closing a cycle between new tables is added
 * after both exist, and dropped before them, which SQLite cannot ALTER.
 */
export function groupIntoBatches(ops: readonly Operation[]): Operation[] {
  const wholeTables = new Set(
    ops.flatMap((op) => (op.kind === "createTable" || op.kind === "dropTable" ? [tableKey(op.table.schema, op.table.name)] : [])),
  );
  const out: Operation[] = [];
  let open = null as { key: string; ops: TableOperation[]; first: TableOperation } | null;
  const close = () => {
    if (open) out.push(batchOf(open.first, open.ops));
    open = null;
  };
  for (const op of ops) {
    const key = batchable(op) ? tableKey(op.schema, op.table) : null;
    if (key === null || !batchable(op) || (wholeTables.has(key) && IN_PLACE.has(op.kind))) {
      close();
      out.push(op);
    } else if (open?.key === key) {
      open.ops.push(op);
    } else {
      close();
      open = { key, ops: [op], first: op };
    }
  }
  close();
  return out;
}

function batchOf(first: TableOperation, operations: TableOperation[]): BatchAlterTableOp {
  return { kind: "batchAlterTable", schema: first.schema, table: first.table, operations, recreate: "auto" };
}
