import { formatType, renderedDefault, type ColumnModel, type ColumnType } from "@retort/core";

/**
 * A ColumnModel as the `ColumnDefinition` literal the op API takes. Facts that are at
 * their default (no default, no comment…) are left out so the file stays readable;
 * `nullable` is always written because it is the fact a reader looks for first.
 */
export function columnDefinition(c: ColumnModel, primaryKey = false): Record<string, unknown> {
  return {
    name: c.name,
    // The entity's own spellings where it has them (docs/typeorm-coexistence.md).
    type: c.writtenType ?? formatType(c.type),
    nullable: c.nullable,
    default: renderedDefault(c) ?? undefined,
    autoIncrement: c.autoIncrement ?? undefined,
    primaryKey: primaryKey || undefined,
    comment: c.comment ?? undefined,
    collation: c.collation ?? undefined,
    generated: c.generated ? { expression: c.generated.expression, stored: c.generated.stored } : undefined,
    onUpdate: c.onUpdate ?? undefined,
    ...enumFacts(c.type),
  };
}

/** A PostgreSQL enum column names its type and carries the labels; MySQL's are in the type string. */
export function enumFacts(t: ColumnType): { enumName?: string; enumValues?: readonly string[] } {
  if (t.enumName === null) return {};
  return { enumName: t.enumName, enumValues: t.enumValues ?? undefined };
}
