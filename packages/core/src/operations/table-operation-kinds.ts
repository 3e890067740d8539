import type { Operation, TableOperation } from "./operation";

/**
 * The one list of table-scoped operation kinds (those a `batchAlterTable` may hold), kept
 * equal to the `TableOperation` union by the compiler: a kind missing here, or one listed
 * that is not a table operation, does not compile.
 */
const TABLE_OPERATION_KIND_SET = {
  addColumn: true,
  dropColumn: true,
  alterColumn: true,
  createIndex: true,
  dropIndex: true,
  createUniqueConstraint: true,
  createForeignKey: true,
  createCheckConstraint: true,
  createPrimaryKey: true,
  dropConstraint: true,
  alterTableComment: true,
} as const satisfies Record<TableOperation["kind"], true>;

export const TABLE_OPERATION_KINDS: ReadonlySet<Operation["kind"]> = new Set(Object.keys(TABLE_OPERATION_KIND_SET) as TableOperation["kind"][]);

export function isTableOperation(op: Operation): op is TableOperation {
  return TABLE_OPERATION_KINDS.has(op.kind);
}
