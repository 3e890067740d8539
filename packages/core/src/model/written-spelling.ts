import type { CheckConstraintModel, ColumnModel, SchemaModel, TableModel } from "./schema-model";

/**
 * Normalise for comparing, render what the user wrote (docs/typeorm-coexistence.md).
 *
 * The engines store several spellings of one thing (`now()` and `CURRENT_TIMESTAMP`,
 * `x IN (a, b)` and `x = ANY (ARRAY[a, b])`), so the model compares their normalised
 * form. But TypeORM's own schema builder compares the text it would write with the text the
 * server keeps: a migration that writes retort's normalised spelling leaves a database on
 * which `synchronize` and `migration:generate` want to change things. So the entity side
 * also keeps the entity's own spelling, and everything that writes DDL or migration code
 * asks these functions for the text to write.
 */

/** `written` when it says something else than `normalised`; nothing otherwise. */
export function writtenIfDifferent(written: string | null | undefined, normalised: string | null): string | undefined {
  return written !== null && written !== undefined && written !== normalised ? written : undefined;
}

/** The column's default as a migration writes it. */
export function renderedDefault(c: Pick<ColumnModel, "default" | "writtenDefault">): string | null {
  return c.default === null ? null : (c.writtenDefault ?? c.default);
}

/** The check's expression as a migration writes it. */
export function renderedExpression(check: Pick<CheckConstraintModel, "expression" | "writtenExpression">): string {
  return check.writtenExpression ?? check.expression;
}

/** The column without the entity's spellings: what comparisons and model equality see. */
export function withoutWrittenColumn(c: ColumnModel): ColumnModel {
  if (c.writtenDefault === undefined && c.writtenType === undefined) return c;
  const { writtenDefault: _d, writtenType: _t, ...rest } = c;
  return rest;
}

/** A check or exclusion constraint without the entity's spelling of its expression. */
export function withoutWrittenCheck<T extends { readonly writtenExpression?: string }>(check: T): Omit<T, "writtenExpression"> {
  if (check.writtenExpression === undefined) return check;
  const { writtenExpression: _e, ...rest } = check;
  return rest;
}

export function withoutWrittenTable(t: TableModel): TableModel {
  return {
    ...t,
    columns: t.columns.map(withoutWrittenColumn),
    checks: t.checks.map(withoutWrittenCheck),
    ...(t.exclusions ? { exclusions: t.exclusions.map(withoutWrittenCheck) } : {}),
  };
}

/** The model as the other side of a comparison would describe it: normalised spellings only. */
export function withoutWrittenSpellings(model: SchemaModel): SchemaModel {
  return { ...model, tables: model.tables.map(withoutWrittenTable) };
}
