import type { TableChanges, TableScope } from "../table-scope";

/** SQLite keeps no comments, so there the entities' comments are not compared. */
export function compareTableComments(scope: TableScope, out: TableChanges): void {
  const { target, actual, ref } = scope;
  if (!scope.traits.comments || target.comment === actual.comment) return;
  out.columns.push({ kind: "alterTableComment", schema: ref.schema, table: ref.table, comment: { from: actual.comment, to: target.comment } });
}
