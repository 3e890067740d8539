import type { DialectTraits } from "../dialect-traits";
import type { TableChanges, TableScope } from "../table-scope";
import { tableKey } from "./table-order";

const columnKey = (schema: string | null, table: string, column: string) => `${tableKey({ schema, name: table })}\u0001${column}`;

/**
 * On engines that lock foreign-key columns (MySQL), a kept foreign key whose own or
 * referenced columns change type is dropped before the change and created again after.
 * Runs over all tables at once: the referenced column may be in another table.
 */
export function rebuildKeysOnRetypedColumns(traits: DialectTraits, tables: readonly { scope: TableScope; changes: TableChanges }[]): void {
  if (!traits.foreignKeyColumnsLocked) return;
  const retyped = new Set<string>();
  for (const { scope, changes } of tables) {
    for (const op of changes.columns) {
      if (op.kind === "alterColumn" && op.changes.type) retyped.add(columnKey(scope.ref.schema, scope.ref.table, op.column));
    }
  }
  if (retyped.size === 0) return;
  for (const { scope, changes } of tables) {
    const where = { schema: scope.ref.schema, table: scope.ref.table };
    const kept = changes.keptForeignKeys.splice(0);
    for (const [target, actual] of kept) {
      const touched =
        actual.columns.some((c) => retyped.has(columnKey(scope.ref.schema, scope.ref.table, c))) ||
        actual.referencedColumns.some((c) => retyped.has(columnKey(actual.referencedSchema, actual.referencedTable, c)));
      if (!touched) {
        changes.keptForeignKeys.push([target, actual]);
        continue;
      }
      changes.dropForeignKeys.push({ kind: "dropConstraint", ...where, constraint: { type: "foreignKey", foreignKey: actual } });
      changes.createForeignKeys.push({ kind: "createForeignKey", ...where, foreignKey: target });
    }
  }
}
