import { writtenIfDifferent, type Deferrable, type IncludeName, type ObjectType, type ReferentialAction } from "@retort/core";
import type { ConstraintRow, IndexRow } from "./catalog-queries";
import type { CatalogNormalizer } from "./catalog-normalizer";
import { normalizePostgresExclusion } from "./normalize-exclusion";
import type { ReflectedTable } from "./reflected-table";

/** pg_constraint.confupdtype / confdeltype codes. */
const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

const CONSTRAINT_TYPES: Readonly<Record<ConstraintRow["type"], ObjectType | null>> = {
  p: null,
  u: "unique_constraint",
  f: "foreign_key_constraint",
  c: "check_constraint",
  x: "exclusion_constraint",
};

/** pg_index.indoption bit for DESC (INDOPTION_DESC in pg_index.h). */
const INDOPTION_DESC = 1;

const deferrableOf = (row: { deferrable: boolean; deferred: boolean }): Deferrable | null =>
  row.deferrable ? (row.deferred ? "deferred" : "immediate") : null;

/** Column numbers as the catalog prints them (`"1 3"`). */
const numbers = (text: string | null): number[] => (text ? text.split(" ").map(Number) : []);

const namesOf = (t: ReflectedTable, attnums: string | null): string[] =>
  numbers(attnums).map((n) => t.columnNames.get(n) ?? `#${n}`);

export function addConstraint(
  t: ReflectedTable,
  row: ConstraintRow,
  defaultSchema: string,
  includeName: IncludeName,
  normalize: CatalogNormalizer,
): void {
  const type = CONSTRAINT_TYPES[row.type];
  if (type !== null && !includeName(row.name, type, t.parents)) return;
  switch (row.type) {
    case "p":
      t.primaryKey = { name: row.name, columns: namesOf(t, row.columns) };
      return;
    case "u":
      t.uniques.push({ name: row.name, columns: namesOf(t, row.columns), deferrable: deferrableOf(row) });
      return;
    case "f":
      t.foreignKeys.push({
        name: row.name,
        columns: namesOf(t, row.columns),
        referencedSchema: row.ref_schema === defaultSchema ? null : row.ref_schema,
        referencedTable: row.ref_table ?? "",
        referencedColumns: row.ref_columns ?? [],
        onDelete: ACTIONS[row.on_delete] ?? "NO ACTION",
        onUpdate: ACTIONS[row.on_update] ?? "NO ACTION",
        deferrable: deferrableOf(row),
      });
      return;
    case "c": {
      const expression = normalize.expression(row.check_expr ?? "");
      // The server's own text too: a downgrade re-creates a dropped check from it, where the
      // normalised form may be refused (`= ANY (ARRAY['a'])` on an enum column; docs/typeorm-coexistence.md).
      const writtenExpression = writtenIfDifferent(row.check_expr, expression);
      t.checks.push(writtenExpression === undefined ? { name: row.name, expression } : { name: row.name, expression, writtenExpression });
      return;
    }
    case "x": {
      const server = (row.exclusion_def ?? "").replace(/^EXCLUDE\s+/i, "");
      const expression = normalizePostgresExclusion(server);
      // The server's text is rendered when a downgrade re-creates a dropped one (like checks above).
      const writtenExpression = writtenIfDifferent(server, expression);
      t.exclusions.push(writtenExpression === undefined ? { name: row.name, expression } : { name: row.name, expression, writtenExpression });
      return;
    }
  }
}

export function addIndex(
  t: ReflectedTable,
  row: IndexRow,
  includeName: IncludeName,
  normalize: CatalogNormalizer,
): void {
  if (!includeName(row.name, "index", t.parents)) return;
  const expressions = row.expressions ?? [];
  let nextExpression = 0;
  const options = numbers(row.options);
  const parts = numbers(row.keys)
    .slice(0, row.key_count)
    .map((attnum, k) => {
      const descending = ((options[k] ?? 0) & INDOPTION_DESC) !== 0;
      if (attnum !== 0) return { column: t.columnNames.get(attnum) ?? `#${attnum}`, expression: null, descending };
      return { column: null, expression: normalize.expression(expressions[nextExpression++] ?? ""), descending };
    });
  t.indexes.push({
    name: row.name,
    parts,
    unique: row.unique,
    where: row.predicate === null ? null : normalize.expression(row.predicate),
    method: row.method === "btree" ? null : row.method,
  });
}
