import type { ColumnModel, ColumnType, DialectName, GeneratedColumn } from "@retort/core";
import type { ColumnRow } from "./catalog-queries";
import { catalogExpression, nonEmpty } from "./catalog-text";
import { normalizeMysqlDefault } from "./normalize-default";
import { normalizeMysqlExpression } from "./normalize-expression";
import { parseMysqlType } from "./parse-type";
import { quoteString } from "./sql-tokens";
import { NUMERIC_TYPES } from "./type-synonyms";

export interface ColumnContext {
  readonly dialect: DialectName;
  /** The table's default collation: a column's is reported only when it differs. */
  readonly tableCollation: string | null;
  /** MariaDB's `json` is `longtext` with an automatic `CHECK (json_valid(col))`. */
  readonly hasJsonCheck: (column: string) => boolean;
}

export function buildColumn(row: ColumnRow, ctx: ColumnContext): ColumnModel {
  const type = columnTypeOf(row, ctx);
  const extra = row.extra ?? "";
  const generated = generatedOf(row, ctx.dialect);
  const collation = row.collation_name;
  return {
    name: row.column_name,
    type,
    nullable: row.is_nullable === "YES",
    default: generated ? null : defaultOf(row, type, ctx.dialect),
    autoIncrement: /auto_increment/i.test(extra) ? "auto-increment" : null,
    generated,
    comment: nonEmpty(row.column_comment),
    // json's utf8mb4_bin on MariaDB comes with the type, not from the user.
    collation: collation && collation !== ctx.tableCollation && type.name !== "json" ? collation : null,
  };
}

function columnTypeOf(row: ColumnRow, ctx: ColumnContext): ColumnType {
  const type = parseMysqlType(row.column_type);
  if (type.name === "longtext" && ctx.hasJsonCheck(row.column_name)) return { ...type, name: "json" };
  return type;
}

function generatedOf(row: ColumnRow, dialect: DialectName): GeneratedColumn | null {
  const kind = /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.exec(row.extra ?? "");
  if (!kind || row.generation_expression === null) return null;
  return {
    expression: normalizeMysqlExpression(catalogExpression(row.generation_expression, dialect)),
    stored: kind[1]!.toUpperCase() !== "VIRTUAL",
  };
}

/**
 * MariaDB (10.2.7+) reports defaults as SQL: `'abc'`, `current_timestamp()`, `NULL` (the
 * string) for a nullable column without one. MySQL 8 reports literals bare (`abc`), SQL
 * NULL for none, and marks expressions with DEFAULT_GENERATED in EXTRA; bare literals of
 * non-numeric columns are quoted back so both reach the same rules.
 * https://mariadb.com/kb/en/information-schema-columns-table/ ·
 * https://dev.mysql.com/doc/refman/8.0/en/information-schema-columns-table.html
 */
function defaultOf(row: ColumnRow, type: ColumnType, dialect: DialectName): string | null {
  const raw = row.column_default;
  if (raw === null) return null;
  if (dialect === "mariadb") return normalizeMysqlDefault(raw, type);
  if (/DEFAULT_GENERATED/i.test(row.extra ?? "")) return normalizeMysqlDefault(catalogExpression(raw, dialect), type);
  const bare = NUMERIC_TYPES.has(type.name) || /^(b|x)'[0-9a-f]*'$|^0x[0-9a-f]+$/i.test(raw);
  return normalizeMysqlDefault(bare ? raw : quoteString(raw), type);
}
