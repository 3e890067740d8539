import type { AddColumnOp, CreateTableOp, DropColumnOp, DropTableOp, Operation, TableOperation } from "@retort/core";
import { InvalidRenameError, RenameMismatchError } from "../errors";
import { columnAlteration } from "./column-alteration";
import { diffTable } from "./table-diff";

/** What the user confirmed: `--rename users.name=full_name`, `--rename-table old=new`. */
export interface RenameRequests {
  /** `table.old=new` or `schema.table.old=new`. */
  readonly columns?: readonly string[];
  /** `old=new` or `schema.old=new`. */
  readonly tables?: readonly string[];
}

interface ColumnRename {
  readonly request: string;
  readonly schema: string | null;
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

interface TableRename {
  readonly request: string;
  readonly schema: string | null;
  readonly from: string;
  readonly to: string;
}

/**
 * Turns the drop + add pairs the user named into real renames: an alterColumn with
 * `changes.name` (plus any other change between the two columns), or a renameTable
 * followed by the differences between the two tables. A request that matches no pair
 * is an error: a rename is never guessed, and never silently ignored either.
 */
export function applyRenames(ops: readonly Operation[], requests: RenameRequests): Operation[] {
  let result = [...ops];
  for (const r of (requests.tables ?? []).map(parseTableRename)) result = renameTable(result, r);
  for (const r of (requests.columns ?? []).map(parseColumnRename)) result = renameColumn(result, r);
  return result;
}

const NAME = /^[^.=\s][^.=]*$/;

export function parseColumnRename(request: string): ColumnRename {
  const expected = `"table.old_column=new_column" (or "schema.table.old_column=new_column")`;
  const [left, to, extra] = request.split("=");
  const parts = (left ?? "").split(".");
  if (extra !== undefined || to === undefined || !NAME.test(to) || parts.length < 2 || parts.length > 3 || !parts.every((p) => NAME.test(p))) {
    throw new InvalidRenameError(request, expected);
  }
  const [schema, table, from] = parts.length === 3 ? parts : [null, ...parts];
  return { request, schema: schema ?? null, table: table!, from: from!, to };
}

export function parseTableRename(request: string): TableRename {
  const expected = `"old_table=new_table" (or "schema.old_table=new_table")`;
  const [left, to, extra] = request.split("=");
  const parts = (left ?? "").split(".");
  if (extra !== undefined || to === undefined || !NAME.test(to) || parts.length > 2 || !parts.every((p) => NAME.test(p))) {
    throw new InvalidRenameError(request, expected);
  }
  const [schema, from] = parts.length === 2 ? parts : [null, parts[0]];
  return { request, schema: schema ?? null, from: from!, to };
}

function renameColumn(ops: Operation[], r: ColumnRename): Operation[] {
  const onTable = (op: { schema: string | null; table: string }) => op.schema === r.schema && op.table === r.table;
  const isDrop = (op: Operation): op is DropColumnOp => op.kind === "dropColumn" && onTable(op) && op.column.name === r.from;
  const isAdd = (op: Operation): op is AddColumnOp => op.kind === "addColumn" && onTable(op) && op.column.name === r.to;
  const replaced = replacePair(ops, isDrop, isAdd, (drop, add) => [renamedColumn(r, drop, add)]);
  if (replaced) return replaced;
  for (const [i, op] of ops.entries()) {
    if (op.kind !== "batchAlterTable" || !onTable(op)) continue;
    const inner = replacePair(op.operations, isDrop, isAdd, (drop, add) => [renamedColumn(r, drop, add)]);
    if (inner) return ops.map((o, j) => (j === i ? { ...op, operations: inner } : o));
  }
  throw new RenameMismatchError(r.request, columnMismatch(ops, r, isDrop, isAdd));
}

function renamedColumn(r: ColumnRename, drop: DropColumnOp, add: AddColumnOp): TableOperation {
  const alter = columnAlteration(drop, drop.column, add.column);
  if ("impossible" in alter) throw new RenameMismatchError(r.request, `the two columns cannot be one altered column: ${alter.impossible}.`);
  return alter;
}

/**
 * Replaces a drop/add pair by `make(drop, add)` at the earlier of the two positions:
 * the comparator writes what uses the old object before its drop and what uses the new
 * one after its add, so the earlier slot keeps both in order in the usual layouts.
 */
function replacePair<T extends Operation, D extends T, A extends T>(
  ops: readonly T[],
  isDrop: (op: Operation) => op is D,
  isAdd: (op: Operation) => op is A,
  make: (drop: D, add: A) => T[],
): T[] | null {
  const d = ops.findIndex(isDrop);
  const a = ops.findIndex(isAdd);
  if (d < 0 || a < 0) return null;
  const replacement = make(ops[d] as D, ops[a] as A);
  const at = Math.min(d, a);
  return ops.flatMap((op, i) => (i === at ? replacement : i === d || i === a ? [] : [op]));
}

function columnMismatch(
  ops: readonly Operation[],
  r: ColumnRename,
  isDrop: (op: Operation) => boolean,
  isAdd: (op: Operation) => boolean,
): string {
  const flat = ops.flatMap((op) => (op.kind === "batchAlterTable" ? [...op.operations] : [op]));
  const table = r.schema === null ? r.table : `${r.schema}.${r.table}`;
  const names = (kind: "dropColumn" | "addColumn") =>
    flat.flatMap((op) => (op.kind === kind && op.table === r.table && op.schema === r.schema ? [`"${op.column.name}"`] : []));
  if (!flat.some(isDrop)) {
    const dropped = names("dropColumn");
    return `this migration drops no column "${r.from}" from "${table}" (${dropped.length ? `it drops ${dropped.join(", ")}` : "it drops no column there"}). Check the table and column names.`;
  }
  if (!flat.some(isAdd)) {
    const added = names("addColumn");
    return `this migration adds no column "${r.to}" to "${table}" (${added.length ? `it adds ${added.join(", ")}` : "it adds no column there"}). Check the new column's name.`;
  }
  return `the drop of "${r.from}" and the add of "${r.to}" are in different batchAlterTable blocks; generate without batch rendering or rename by hand.`;
}

function renameTable(ops: Operation[], r: TableRename): Operation[] {
  const isDrop = (op: Operation): op is DropTableOp => op.kind === "dropTable" && op.table.schema === r.schema && op.table.name === r.from;
  const isAdd = (op: Operation): op is CreateTableOp => op.kind === "createTable" && op.table.schema === r.schema && op.table.name === r.to;
  const replaced = replacePair(ops, isDrop, isAdd, (drop, create): Operation[] => {
    const renamed = { ...drop.table, name: r.to };
    const diff = diffTable(renamed, create.table);
    if ("impossible" in diff) throw new RenameMismatchError(r.request, `${diff.impossible}.`);
    return [{ kind: "renameTable", schema: r.schema, table: r.from, newName: r.to }, ...diff];
  });
  if (replaced) return replaced;
  const tables = (kind: "dropTable" | "createTable") =>
    ops.flatMap((op) => (op.kind === kind ? [`"${op.table.name}"`] : [])).join(", ") || "none";
  const missing = ops.some(isDrop)
    ? `this migration creates no table "${r.to}" (it creates: ${tables("createTable")})`
    : `this migration drops no table "${r.from}" (it drops: ${tables("dropTable")})`;
  throw new RenameMismatchError(r.request, `${missing}. Check the table names.`);
}
