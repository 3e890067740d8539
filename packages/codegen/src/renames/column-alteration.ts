import { renderedDefault, type AlterColumnOp, type ColumnChanges, type ColumnModel } from "@retort/core";
import { deepEqual } from "./deep-equal";

/**
 * The alterColumn that turns `from` into `to` (a rename when the names differ), or a
 * reason it cannot: alterColumn has no way to change a generated expression.
 */
export function columnAlteration(
  where: { schema: string | null; table: string },
  from: ColumnModel,
  to: ColumnModel,
): AlterColumnOp | { readonly impossible: string } {
  if (!deepEqual(from.generated, to.generated)) return { impossible: `their generated expressions differ` };
  const change = <T>(a: T, b: T) => (deepEqual(a, b) ? undefined : { from: a, to: b });
  const changes: ColumnChanges = dropUndefined({
    name: change(from.name, to.name),
    type: change(from.type, to.type),
    nullable: change(from.nullable, to.nullable),
    // Compared normalised, written as the entity spells it (docs/typeorm-coexistence.md).
    default: deepEqual(from.default, to.default) ? undefined : { from: from.default, to: renderedDefault(to) },
    comment: change(from.comment, to.comment),
    autoIncrement: change(from.autoIncrement, to.autoIncrement),
    onUpdate: change(from.onUpdate, to.onUpdate),
    collation: change(from.collation, to.collation),
  });
  return { kind: "alterColumn", schema: where.schema, table: where.table, column: from.name, changes, existing: from };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
