import type { TypeormTableColumn } from "../typeorm-shapes";
import { charsetDefaultCollation } from "./mysql-charsets";
import { modelColumn, nonEmpty, writtenDefault, type ColumnConverter } from "./conversion-context";

/** A column as MysqlQueryRunner.buildCreateColumnSql writes it. */
export const mysqlColumn: ColumnConverter = (c, facts, ctx) => {
  const type = ctx.rules.parseType(mysqlWrittenType(c, ctx.driver.createFullType(c)), ctx.dialect);
  // MariaDB refuses NULL/NOT NULL on generated columns, so TypeORM writes neither: they are nullable.
  const mariaDbGenerated = ctx.driver.options.type === "mariadb" && Boolean(c.asExpression);
  const column = modelColumn(
    c.name,
    {
      type,
      nullable: mariaDbGenerated || c.isNullable === true,
      writtenDefault: writtenDefault(c, facts, ctx),
      autoIncrement: c.isGenerated && c.generationStrategy === "increment" ? "auto-increment" : null,
      generated: c.asExpression
        ? { expression: ctx.rules.normalizeExpression(c.asExpression, ctx.dialect), stored: c.generatedType === "STORED" }
        : null,
      comment: nonEmpty(c.comment),
      collation: nonEmpty(c.collation) ?? charsetDefaultCollation(nonEmpty(c.charset), ctx.dialect, `${facts.name}.${c.name}`),
      writtenOnUpdate: nonEmpty(c.onUpdate),
    },
    ctx,
  );
  return { column, enumType: null, checks: [] };
};

/** The full type: driver.createFullType, then ZEROFILL (0.3) or UNSIGNED, then an ENUM/SET's values. */
export function mysqlWrittenType(c: TypeormTableColumn, fullType: string): string {
  let type = fullType;
  if (c.zerofill) type += " ZEROFILL";
  else if (c.unsigned) type += " UNSIGNED";
  if (c.enum) type += ` (${c.enum.map((v) => `'${String(v).replaceAll("'", "''")}'`).join(", ")})`;
  return type;
}
