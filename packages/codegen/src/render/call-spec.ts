import {
  formatType,
  renderedExpression,
  type AlterColumnOp,
  type CreateTableOp,
  type DroppedConstraint,
  type ForeignKeyModel,
  type IndexModel,
  type Operation,
  type OperationKind,
  type OperationOf,
  type ViewModel,
} from "@retort/core";
import { columnDefinition, enumFacts } from "./column-definition";

/**
 * One `op.*` call as data. Table-scoped calls put the table after `lead`; inside a
 * `batchAlterTable` block the table and schema are implied and only `batchOptionKeys`
 * of the options survive.
 */
export interface CallSpec {
  readonly method: string;
  readonly lead: readonly unknown[];
  /** `null` for calls that take no table (enums, raw SQL). */
  readonly table: string | null;
  readonly rest: readonly unknown[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly schema: string | null;
  readonly batchOptionKeys: readonly string[];
  /** Expressible inside a `batchAlterTable` block only: outside it, this is why not. */
  readonly batchOnly?: string;
}

/** An operation the op API cannot express; written as a comment and reported as a warning. */
export interface Unrenderable {
  readonly unrenderable: string;
}

export type RenderedCall = CallSpec | Unrenderable;

type PlainKind = Exclude<OperationKind, "batchAlterTable">;
type CallRenderers = { readonly [K in PlainKind]: (op: OperationOf<K>) => readonly RenderedCall[] };

const NO_ACTION = "NO ACTION";

function call(
  method: string,
  where: { schema: string | null; table: string | null },
  lead: readonly unknown[],
  rest: readonly unknown[],
  options: Record<string, unknown> = {},
  batchOptionKeys: readonly string[] = [],
): CallSpec {
  return { method, lead, table: where.table, rest, options, schema: where.schema, batchOptionKeys };
}

const noTable = (schema: string | null) => ({ schema, table: null });

export function foreignKeyDefinition(fk: ForeignKeyModel): Record<string, unknown> {
  return {
    columns: fk.columns,
    referencedTable: fk.referencedTable,
    referencedColumns: fk.referencedColumns,
    referencedSchema: fk.referencedSchema ?? undefined,
    onDelete: fk.onDelete === NO_ACTION ? undefined : fk.onDelete,
    onUpdate: fk.onUpdate === NO_ACTION ? undefined : fk.onUpdate,
    deferrable: fk.deferrable ?? undefined,
  };
}

export function indexParts(index: IndexModel): unknown[] {
  return index.parts.map((p) => {
    if (p.column !== null && !p.descending) return p.column;
    const part = p.column !== null ? { column: p.column } : { expression: p.expression ?? "" };
    return p.descending ? { ...part, desc: true } : part;
  });
}

function createIndexCall(where: { schema: string | null; table: string }, index: IndexModel, concurrently: boolean): CallSpec {
  const options = {
    unique: index.unique || undefined,
    where: index.where ?? undefined,
    method: index.method ?? undefined,
    concurrently: concurrently || undefined,
  };
  return call("createIndex", where, [index.name], [indexParts(index)], options, ["unique", "where", "method"]);
}

function createTableCalls(op: CreateTableOp): CallSpec[] {
  const t = op.table;
  const pk = t.primaryKey;
  const inlinePk = pk !== null && pk.name === null && pk.columns.length === 1 ? pk.columns[0] : null;
  const columns = t.columns.map((c) => columnDefinition(c, c.name === inlinePk));
  const named = <T extends { name: string | null }>(x: T) => x.name ?? undefined;
  const options = {
    comment: t.comment ?? undefined,
    primaryKey: pk !== null && inlinePk === null ? { name: pk.name ?? undefined, columns: pk.columns } : undefined,
    uniques: nonEmpty(t.uniques.map((u) => ({ name: named(u), columns: u.columns }))),
    foreignKeys: nonEmpty(t.foreignKeys.map((fk) => ({ name: named(fk), ...foreignKeyDefinition(fk) }))),
    checks: nonEmpty(t.checks.map((c) => ({ name: named(c), expression: renderedExpression(c) }))),
    exclusions: nonEmpty((t.exclusions ?? []).map((x) => ({ name: x.name, expression: renderedExpression(x) }))),
  };
  const where = { schema: t.schema, table: t.name };
  return [
    call("createTable", noTable(t.schema), [t.name, columns], [], options),
    ...t.indexes.map((index) => createIndexCall(where, index, false)),
  ];
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length === 0 ? undefined : items;
}

/** The change itself, then the `existing*` facts a dialect needs to restate or reverse the column. */
export function alterColumnChanges(op: AlterColumnOp): Record<string, unknown> {
  const { changes: ch, existing: ex } = op;
  const fact = <T>(changed: { from: T } | undefined, current: T) =>
    changed ? changed.from : current === null ? undefined : current;
  return {
    newName: ch.name?.to,
    type: ch.type ? formatType(ch.type.to) : undefined,
    ...(ch.type ? enumFacts(ch.type.to) : {}),
    existingType: formatType(ex.type),
    nullable: ch.nullable?.to,
    existingNullable: ex.nullable,
    ...(ch.default ? { default: ch.default.to } : {}),
    existingDefault: fact(ch.default, ex.default),
    ...(ch.comment ? { comment: ch.comment.to } : {}),
    existingComment: fact(ch.comment, ex.comment),
    ...(ch.autoIncrement ? { autoIncrement: ch.autoIncrement.to } : {}),
    existingAutoIncrement: fact(ch.autoIncrement, ex.autoIncrement),
    ...(ch.onUpdate ? { onUpdate: ch.onUpdate.to } : {}),
    existingOnUpdate: fact(ch.onUpdate, ex.onUpdate),
    ...(ch.collation ? { collation: ch.collation.to } : {}),
    existingCollation: fact(ch.collation, ex.collation),
  };
}

function dropConstraintCall(op: OperationOf<"dropConstraint">): RenderedCall {
  const c: DroppedConstraint = op.constraint;
  const model = c.type === "unique" ? c.unique : c.type === "foreignKey" ? c.foreignKey : c.type === "check" ? c.check : c.primaryKey;
  const unnamed = `the unnamed ${c.type} constraint on "${op.table}" cannot be dropped by name: drop it inside op.batchAlterTable by recreating the table`;
  if (model.name === null && c.type === "foreignKey") {
    // SQLite batch mode (Prisma's unnamed foreign keys): the batch finds it by its columns.
    return { ...call("dropConstraint", op, [null], [c.type], { columns: c.foreignKey.columns }, ["columns"]), batchOnly: unnamed };
  }
  if (model.name === null) return { unrenderable: unnamed };
  return call("dropConstraint", op, [model.name], [c.type], { implicitIndex: op.implicitIndex || undefined }, ["implicitIndex"]);
}

function viewIndexes(view: ViewModel): Record<string, unknown>[] | undefined {
  return nonEmpty(
    view.indexes.map((i) => ({ name: i.name, parts: indexParts(i), unique: i.unique || undefined, where: i.where ?? undefined, method: i.method ?? undefined })),
  );
}

/** A view's options: what creates it (`materialized`, `indexes`), or with `existing`, what it was. */
function viewOptions(view: ViewModel, existing = false): Record<string, unknown> {
  return existing
    ? { existingMaterialized: view.materialized || undefined, existingIndexes: viewIndexes(view) }
    : { materialized: view.materialized || undefined, indexes: viewIndexes(view) };
}

const RENDERERS: CallRenderers = {
  createTable: createTableCalls,
  dropTable: (op) => [call("dropTable", noTable(op.table.schema), [op.table.name], [])],
  renameTable: (op) => [call("renameTable", noTable(op.schema), [op.table, op.newName], [])],
  alterTableComment: (op) => [call("setTableComment", op, [], [op.comment.to], { existingComment: op.comment.from })],
  addColumn: (op) => [call("addColumn", op, [], [columnDefinition(op.column)])],
  dropColumn: (op) => [call("dropColumn", op, [], [op.column.name])],
  alterColumn: (op) => [call("alterColumn", op, [], [op.column, alterColumnChanges(op)])],
  createIndex: (op) => [createIndexCall(op, op.index, op.concurrently)],
  dropIndex: (op) => [call("dropIndex", op, [op.index.name], [], { concurrently: op.concurrently || undefined })],
  createUniqueConstraint: (op) => [
    call("createUniqueConstraint", op, [op.unique.name], [op.unique.columns], { deferrable: op.unique.deferrable ?? undefined }),
  ],
  createForeignKey: (op) => [call("createForeignKey", op, [op.foreignKey.name], [foreignKeyDefinition(op.foreignKey)])],
  createCheckConstraint: (op) => [call("createCheckConstraint", op, [op.check.name], [renderedExpression(op.check)])],
  createPrimaryKey: (op) => [call("createPrimaryKey", op, [op.primaryKey.name], [op.primaryKey.columns])],
  dropConstraint: (op) => [dropConstraintCall(op)],
  createExclusionConstraint: (op) => [call("createExclusionConstraint", op, [op.exclusion.name], [renderedExpression(op.exclusion)])],
  dropExclusionConstraint: (op) => [
    call("dropExclusionConstraint", op, [op.exclusion.name], [], { existingExpression: renderedExpression(op.exclusion) }),
  ],
  createExtension: (op) => [call("createExtension", noTable(null), [op.extension.name], [])],
  dropExtension: (op) => [
    call("dropExtension", noTable(null), [op.extension.name], [], { onlyIfCreatedByRetort: op.onlyIfCreatedByRetort || undefined }),
  ],
  createEnum: (op) => [call("createEnum", noTable(op.enumType.schema), [op.enumType.name, op.enumType.values], [])],
  dropEnum: (op) => [call("dropEnum", noTable(op.enumType.schema), [op.enumType.name], [])],
  alterEnum: (op) => [
    call("alterEnum", noTable(op.schema), [op.name, op.values.to], [], { existingValues: op.values.from }),
  ],
  createView: (op) => [call("createView", noTable(op.view.schema), [op.view.name, op.view.definition], [], viewOptions(op.view))],
  dropView: (op) => [
    call("dropView", noTable(op.view.schema), [op.view.name], [], { ...viewOptions(op.view), existingDefinition: op.view.definition }),
  ],
  replaceView: (op) => [
    call("replaceView", noTable(op.view.to.schema), [op.view.to.name, op.view.to.definition], [], {
      ...viewOptions(op.view.to),
      existingDefinition: op.view.from.definition,
      ...viewOptions(op.view.from, true),
    }),
  ],
  refreshMaterializedView: (op) => [call("refreshMaterializedView", noTable(op.schema), [op.name], [])],
  execute: (op) => [call("execute", noTable(null), op.params.length > 0 ? [op.sql, op.params] : [op.sql], [])],
  bulkInsert: (op) => [call("bulkInsert", op, [], [op.rows])],
};

/** The `op.*` calls that perform one (non-batch) operation. */
export function callsFor(op: Exclude<Operation, { kind: "batchAlterTable" }>): readonly RenderedCall[] {
  const render = RENDERERS[op.kind] as (o: typeof op) => readonly RenderedCall[];
  return render(op);
}
