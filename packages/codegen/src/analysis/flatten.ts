import type { Operation } from "@retort/core";

/** Every operation, with those inside batchAlterTable blocks in their place. */
export function flattenOperations(ops: readonly Operation[]): Operation[] {
  return ops.flatMap((op) => (op.kind === "batchAlterTable" ? [...op.operations] : [op]));
}

export const tableKey = (schema: string | null, table: string): string => `${schema ?? ""}\u0000${table}`;
