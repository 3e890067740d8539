import { listKey } from "../pairing";
import type { TableChanges, TableScope } from "../table-scope";

/**
 * Primary keys are compared by their columns, in key order, never by name: PostgreSQL
 * says `user_pkey`, TypeORM `PK_<hash>`, MySQL always `PRIMARY`, SQLite often nothing.
 * `includeObject` has no primary-key type (docs/reference.md §3a): they follow their table.
 */
export function comparePrimaryKeys(scope: TableScope, out: TableChanges): void {
  const where = { schema: scope.ref.schema, table: scope.ref.table };
  const t = scope.target.primaryKey;
  const a = scope.actual.primaryKey;
  if (t && a && listKey(t.columns) === listKey(a.columns)) return;
  if (a) out.dropConstraints.push({ kind: "dropConstraint", ...where, constraint: { type: "primaryKey", primaryKey: a } });
  if (t) out.createConstraints.push({ kind: "createPrimaryKey", ...where, primaryKey: t });
}
