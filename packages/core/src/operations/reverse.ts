import { RetortError } from "../errors/retort-error";
import type { ColumnModel } from "../model/schema-model";
import type { AlterColumnOp, Change, ColumnChanges, DroppedConstraint, Operation, TableOperation, TableRef } from "./operation";

/** An operation that has no inverse (raw SQL, inserted rows). */
export class IrreversibleOperationError extends RetortError {
  constructor(readonly operation: Operation) {
    super(
      "irreversible_operation",
      `The ${operation.kind} operation cannot be reversed automatically: write its undo by hand in downgrade().`,
    );
  }
}

const swap = <T>(c: Change<T> | undefined): Change<T> | undefined => (c ? { from: c.to, to: c.from } : undefined);

/** The column as it is after an alterColumn's changes. */
export function columnAfter(existing: ColumnModel, changes: ColumnChanges): ColumnModel {
  // A changed type or default leaves the old one's written spelling behind (written-spelling.ts).
  const { writtenType, writtenDefault, ...rest } = existing;
  return {
    ...rest,
    ...(writtenType !== undefined && !changes.type ? { writtenType } : {}),
    ...(writtenDefault !== undefined && !changes.default ? { writtenDefault } : {}),
    name: changes.name?.to ?? existing.name,
    type: changes.type?.to ?? existing.type,
    nullable: changes.nullable?.to ?? existing.nullable,
    default: changes.default ? changes.default.to : existing.default,
    comment: changes.comment ? changes.comment.to : existing.comment,
    autoIncrement: changes.autoIncrement ? changes.autoIncrement.to : existing.autoIncrement,
    onUpdate: changes.onUpdate ? changes.onUpdate.to : existing.onUpdate,
    collation: changes.collation ? changes.collation.to : existing.collation,
  };
}

function reverseAlterColumn(op: AlterColumnOp): AlterColumnOp {
  const changes: ColumnChanges = Object.fromEntries(
    Object.entries(op.changes).map(([k, c]) => [k, swap(c as Change<unknown>)]),
  );
  const after = columnAfter(op.existing, op.changes);
  return { ...op, column: after.name, changes, existing: after };
}

function recreateConstraint(ref: TableRef, c: DroppedConstraint): TableOperation {
  const where = { schema: ref.schema, table: ref.table };
  switch (c.type) {
    case "unique":
      return { kind: "createUniqueConstraint", ...where, unique: c.unique };
    case "foreignKey":
      return { kind: "createForeignKey", ...where, foreignKey: c.foreignKey };
    case "check":
      return { kind: "createCheckConstraint", ...where, check: c.check };
    case "primaryKey":
      return { kind: "createPrimaryKey", ...where, primaryKey: c.primaryKey };
  }
}

/** The inverse of creating a constraint: dropping it, carrying it so it can be recreated. */
function dropping(ref: TableRef, constraint: DroppedConstraint, implicitIndex = false): Operation {
  return { kind: "dropConstraint", schema: ref.schema, table: ref.table, constraint, ...(implicitIndex ? { implicitIndex } : {}) };
}

/** The one exhaustive home of every inverse. */
export function reverse(op: Operation): Operation {
  switch (op.kind) {
    case "createTable":
      return { kind: "dropTable", table: op.table };
    case "dropTable":
      return { kind: "createTable", table: op.table };
    case "renameTable":
      return { kind: "renameTable", schema: op.schema, table: op.newName, newName: op.table };
    case "alterTableComment":
      return { ...op, comment: { from: op.comment.to, to: op.comment.from } };
    case "addColumn":
      return { ...op, kind: "dropColumn" };
    case "dropColumn":
      return { ...op, kind: "addColumn" };
    case "alterColumn":
      return reverseAlterColumn(op);
    case "createIndex":
      return { ...op, kind: "dropIndex" };
    case "dropIndex":
      return { ...op, kind: "createIndex" };
    case "createUniqueConstraint":
      return dropping(op, { type: "unique", unique: op.unique });
    case "createForeignKey":
      // The key made whatever index the engine made for it: that index goes with it.
      return dropping(op, { type: "foreignKey", foreignKey: op.foreignKey }, true);
    case "createCheckConstraint":
      return dropping(op, { type: "check", check: op.check });
    case "createPrimaryKey":
      return dropping(op, { type: "primaryKey", primaryKey: op.primaryKey });
    case "dropConstraint":
      return recreateConstraint(op, op.constraint);
    case "createExclusionConstraint":
      return { ...op, kind: "dropExclusionConstraint" };
    case "dropExclusionConstraint":
      return { ...op, kind: "createExclusionConstraint" };
    case "createExtension":
      return { kind: "dropExtension", extension: op.extension, onlyIfCreatedByRetort: true };
    case "dropExtension":
      return { kind: "createExtension", extension: op.extension };
    case "createEnum":
      return { kind: "dropEnum", enumType: op.enumType };
    case "dropEnum":
      return { kind: "createEnum", enumType: op.enumType };
    case "alterEnum":
      return { ...op, values: { from: op.values.to, to: op.values.from } };
    case "createView":
      return { kind: "dropView", view: op.view, ...(op.recreated ? { recreated: true } : {}) };
    case "dropView":
      return { kind: "createView", view: op.view, ...(op.recreated ? { recreated: true } : {}) };
    case "replaceView":
      return { ...op, view: { from: op.view.to, to: op.view.from } };
    case "refreshMaterializedView":
      return op;
    case "batchAlterTable":
      return { ...op, operations: reverseAll(op.operations) as TableOperation[] };
    case "execute":
    case "bulkInsert":
      throw new IrreversibleOperationError(op);
  }
}

/** The downgrade of an upgrade: each inverse, in reverse order. */
export function reverseAll(ops: readonly Operation[]): Operation[] {
  return [...ops].reverse().map(reverse);
}
