import type { AlterColumnOp, BatchOperations, TableOperation } from "@retort/core";
import type { tableOperations } from "./table-operations";

/** `batch.*` calls inside batchAlterTable, recorded as plain operations. */
export function batchRecorder(
  on: ReturnType<typeof tableOperations>,
  into: TableOperation[],
  /** PostgreSQL `USING` expressions, kept beside the plain-data ops that have no field for them. */
  usings: Map<TableOperation, string>,
): BatchOperations {
  return {
    addColumn: (column) => void into.push(...on.addColumn(column)),
    dropColumn: (column) => void into.push(on.dropColumn(column)),
    alterColumn: (column, changes) => {
      const op: AlterColumnOp = on.alterColumn(column, changes);
      if (changes.using !== undefined) usings.set(op, changes.using);
      into.push(op);
    },
    createIndex: (name, parts, options) => void into.push(on.createIndex(name, parts, options)),
    dropIndex: (name) => void into.push(on.dropIndex(name)),
    createPrimaryKey: (name, columns) => void into.push(on.createPrimaryKey(name, columns)),
    createUniqueConstraint: (name, columns) => void into.push(on.createUniqueConstraint(name, columns)),
    createForeignKey: (name, fk) => void into.push(on.createForeignKey(name, fk)),
    createCheckConstraint: (name, expression) => void into.push(on.createCheckConstraint(name, expression)),
    dropConstraint: (name, type, options) => void into.push(on.dropConstraint(name, type, options?.implicitIndex, options?.columns)),
  };
}
