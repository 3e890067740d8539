import {
  qualifiedName,
  type AddColumnOp,
  type CreateTableOp,
  type DropColumnOp,
  type DropTableOp,
  type Operation,
  type TableModel,
} from "@retort/core";
import { literal } from "../render/literal";
import { flattenOperations, tableKey } from "./flatten";
import { compatibleTypes } from "./type-families";

/** A possible rename the comparator saw as a drop plus an add. Never applied silently. */
export interface RenameHint {
  /** The add (addColumn / createTable) the hint is written above. */
  readonly op: Operation;
  readonly kind: "column" | "table";
  /** What to pass to applyRenames (`--rename` / `--rename-table`). */
  readonly request: string;
  readonly message: string;
  readonly comment: readonly string[];
}

/** Tables at least this alike (share of columns with the same name and a compatible type) look renamed. */
const TABLE_SIMILARITY = 0.75;

export function renameHints(ops: readonly Operation[]): RenameHint[] {
  const flat = flattenOperations(ops);
  return [...columnHints(flat), ...tableHints(flat)];
}

function columnHints(flat: readonly Operation[]): RenameHint[] {
  const wholeTables = new Set(
    flat.flatMap((op) => (op.kind === "createTable" || op.kind === "dropTable" ? [tableKey(op.table.schema, op.table.name)] : [])),
  );
  const byTable = new Map<string, { drops: DropColumnOp[]; adds: AddColumnOp[] }>();
  for (const op of flat) {
    if (op.kind !== "addColumn" && op.kind !== "dropColumn") continue;
    const key = tableKey(op.schema, op.table);
    if (wholeTables.has(key)) continue;
    const entry = byTable.get(key) ?? { drops: [], adds: [] };
    if (op.kind === "addColumn") entry.adds.push(op);
    else entry.drops.push(op);
    byTable.set(key, entry);
  }
  return [...byTable.values()].flatMap(({ drops, adds }) => {
    const [drop, add] = [drops[0], adds[0]];
    if (drops.length !== 1 || adds.length !== 1 || !drop || !add) return [];
    if (!compatibleTypes(drop.column.type, add.column.type)) return [];
    return [columnHint(drop, add)];
  });
}

function columnHint(drop: DropColumnOp, add: AddColumnOp): RenameHint {
  const table = qualifiedName({ schema: add.schema, name: add.table });
  const request = `${table}.${drop.column.name}=${add.column.name}`;
  const schema = add.schema === null ? "" : `, ${literal({ schema: add.schema })}`;
  const call = `await op.alterColumn(${literal(add.table)}, ${literal(drop.column.name)}, { newName: ${literal(add.column.name)} }${schema});`;
  const message = `"${table}" lost column "${drop.column.name}" and gained "${add.column.name}" of a compatible type: if it is a rename, run again with --rename ${request}`;
  return {
    op: add,
    kind: "column",
    request,
    message,
    comment: [
      `HINT: "${table}" loses column "${drop.column.name}" and gains "${add.column.name}" of a compatible type.`,
      `If this is a rename, replace the dropColumn and addColumn calls with:`,
      `  ${call}`,
      `(or generate again with --rename ${request})`,
    ],
  };
}

function tableHints(flat: readonly Operation[]): RenameHint[] {
  const drops = flat.filter((op): op is DropTableOp => op.kind === "dropTable");
  const creates = flat.filter((op): op is CreateTableOp => op.kind === "createTable");
  const bestCreate = (d: DropTableOp) => best(creates, (c) => similarity(d.table, c.table));
  const bestDrop = (c: CreateTableOp) => best(drops, (d) => similarity(d.table, c.table));
  return drops.flatMap((drop) => {
    const create = bestCreate(drop);
    return create && bestDrop(create) === drop ? [tableHint(drop, create)] : [];
  });
}

/** The single best candidate above the threshold; `undefined` when none or when tied. */
function best<T>(candidates: readonly T[], score: (c: T) => number): T | undefined {
  const scored = candidates.map((c) => ({ c, s: score(c) })).filter((x) => x.s >= TABLE_SIMILARITY);
  const top = Math.max(...scored.map((x) => x.s));
  const winners = scored.filter((x) => x.s === top);
  return winners.length === 1 ? winners[0]?.c : undefined;
}

function similarity(a: TableModel, b: TableModel): number {
  if (a.schema !== b.schema || a.columns.length === 0 || b.columns.length === 0) return 0;
  const shared = a.columns.filter((ca) => b.columns.some((cb) => cb.name === ca.name && compatibleTypes(ca.type, cb.type)));
  return shared.length / Math.max(a.columns.length, b.columns.length);
}

function tableHint(drop: DropTableOp, create: CreateTableOp): RenameHint {
  const request = `${drop.table.name}=${create.table.name}`;
  const schema = drop.table.schema === null ? "" : `, ${literal({ schema: drop.table.schema })}`;
  const call = `await op.renameTable(${literal(drop.table.name)}, ${literal(create.table.name)}${schema});`;
  const [from, to] = [qualifiedName(drop.table), qualifiedName(create.table)];
  return {
    op: create,
    kind: "table",
    request,
    message: `table "${from}" disappears while a near-identical "${to}" appears: if it is a rename, run again with --rename-table ${request}`,
    comment: [
      `HINT: table "${from}" is dropped while the near-identical "${to}" is created.`,
      `If this is a rename, replace the dropTable and createTable calls with:`,
      `  ${call}`,
      `(or generate again with --rename-table ${request}, which also carries over the differences)`,
    ],
  };
}
