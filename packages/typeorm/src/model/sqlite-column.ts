import type { AutoIncrementKind } from "@retort/core";
import { canonicalCollation } from "@retort/dialects";
import type { TypeormTableColumn } from "../typeorm-shapes";
import { modelCheck, modelColumn, nonEmpty, writtenDefault, type ColumnConverter, type TableFacts } from "./conversion-context";

/** A column as AbstractSqliteQueryRunner.buildCreateColumnSql writes it. */
export const sqliteColumn: ColumnConverter = (c, facts, ctx) => {
  const written = ctx.driver.createFullType(c);
  const type = ctx.rules.parseType(written, ctx.dialect);
  const def = writtenDefault(c, facts, ctx);
  const column = modelColumn(
    c.name,
    {
      type,
      writtenType: written,
      nullable: c.isNullable === true,
      // TypeORM wraps every default in parentheses, and writes none on a generated column.
      writtenDefault: c.asExpression || def === null ? null : `(${def})`,
      autoIncrement: sqliteAutoIncrement(c, written, facts),
      generated: c.asExpression
        ? { expression: ctx.rules.normalizeExpression(c.asExpression, ctx.dialect), stored: c.generatedType === "STORED" }
        : null,
      comment: null,
      collation: canonicalCollation(nonEmpty(c.collation)),
    },
    ctx,
  );
  // An enum becomes a varchar with an unnamed column CHECK listing its values.
  const checks = c.enum && !c.isArray ? [modelCheck(null, enumCheck(c), ctx)] : [];
  return { column, enumType: null, checks };
};

function enumCheck(c: TypeormTableColumn): string {
  return `"${c.name}" IN (${(c.enum ?? []).map((v) => `'${v.replace(/'/g, "''")}'`).join(",")})`;
}

/**
 * `INTEGER PRIMARY KEY` makes the column the rowid (https://www.sqlite.org/lang_createtable.html#rowid),
 * and TypeORM adds AUTOINCREMENT for `increment`: only for a single-column key, where
 * TypeORM writes PRIMARY KEY inline.
 */
function sqliteAutoIncrement(c: TypeormTableColumn, writtenType: string, facts: TableFacts): AutoIncrementKind | null {
  const singleKey = c.isPrimary && facts.table.columns.filter((col) => col.isPrimary).length === 1;
  if (!singleKey || facts.table.withoutRowid) return null;
  if (c.isGenerated && c.generationStrategy === "increment") return "sqlite-autoincrement";
  return writtenType.toLowerCase() === "integer" ? "rowid" : null;
}
