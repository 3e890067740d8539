import type { AlterColumnOp, BatchOperations, TableOperation } from "@retort/core";
import type { tableOperations } from "./table-operations";

/** `batch.*` calls inside batchAlterTable, recorded as plain operations. */
export function batchRecorder(on: ReturnType<typeof tableOperations>, into: TableOperation[]): BatchOperations {
  return {
    addColumn: (column) => void into.push(...on.addColumn(column)),
    dropColumn: (column) => void into.push(on.dropColumn(column)),
    alterColumn: (column, changes) => void into.push(on.alterColumn(column, changes) satisfies AlterColumnOp),
    createIndex: (name, parts, options) => void into.push(on.createIndex(name, parts, options)),
    dropIndex: (name) => void into.push(on.dropIndex(name)),
    createPrimaryKey: (name, columns) => void into.push(on.createPrimaryKey(name, columns)),
    createUniqueConstraint: (name, columns) => void into.push(on.createUniqueConstraint(name, columns)),
    createForeignKey: (name, fk) => void into.push(on.createForeignKey(name, fk)),
    createCheckConstraint: (name, expression) => void into.push(on.createCheckConstraint(name, expression)),
    dropConstraint: (name, type) => void into.push(on.dropConstraint(name, type)),
  };
}
