import type { ColumnModel, ColumnType, DialectName, GeneratedColumn } from "@retort/core";
import type { ColumnRow } from "./catalog-queries";
import { catalogExpression, nonEmpty } from "./catalog-text";
import { normalizeMysqlDefault } from "./normalize-default";
import { normalizeMysqlExpression } from "./normalize-expression";
import { memoize } from "./memoize";
import { parseMysqlType } from "./parse-type";
import { quoteString } from "./sql-tokens";
import { onUpdateInExtra } from "./on-update";
import { NUMERIC_TYPES } from "./type-synonyms";

/** Parsers shared by all columns of one introspection, each memoized (memoize.ts). */
export interface ColumnParsers {
  readonly dialect: DialectName;
  readonly type: (columnType: string) => ColumnType;
  /** Keyed by `defaultKey(type, sql)`. */
  readonly default: (key: string) => string | null;
  readonly expression: (catalogText: string) => string;
}

export function columnParsers(dialect: DialectName): ColumnParsers {
  const type = memoize(parseMysqlType);
  return {
    dialect,
    type,
    default: memoize((key) => {
      const [columnType, sql] = key.split("\u0000") as [string, string];
      return normalizeMysqlDefault(sql, type(columnType));
    }),
    expression: memoize((text) => normalizeMysqlExpression(catalogExpression(text, dialect))),
  };
}

const defaultKey = (columnType: string, sql: string) => `${columnType}\u0000${sql}`;

export interface ColumnContext {
  readonly parsers: ColumnParsers;
  /** The table's default collation: a column's is reported only when it differs. */
  readonly tableCollation: string | null;
  /** MariaDB's `json` is `longtext` with an automatic `CHECK (json_valid(col))`. */
  readonly hasJsonCheck: (column: string) => boolean;
}

export function buildColumn(row: ColumnRow, ctx: ColumnContext): ColumnModel {
  const type = columnTypeOf(row, ctx);
  const extra = row.extra ?? "";
  const generated = generatedOf(row, ctx.parsers);
  const collation = row.collation_name;
  return {
    name: row.column_name,
    type,
    nullable: row.is_nullable === "YES",
    default: generated ? null : defaultOf(row, type, ctx.parsers),
    autoIncrement: /auto_increment/i.test(extra) ? "auto-increment" : null,
    generated,
    comment: nonEmpty(row.column_comment),
    // json's utf8mb4_bin on MariaDB comes with the type, not from the user.
    collation: collation && collation !== ctx.tableCollation && type.name !== "json" ? collation : null,
    onUpdate: onUpdateOf(extra, row, ctx.parsers),
  };
}

function columnTypeOf(row: ColumnRow, ctx: ColumnContext): ColumnType {
  const type = ctx.parsers.type(row.column_type);
  if (type.name === "longtext" && ctx.hasJsonCheck(row.column_name)) return { ...type, name: "json" };
  return type;
}

/** `ON UPDATE current_timestamp(6)`, normalised as a default is (`CURRENT_TIMESTAMP(6)`). */
function onUpdateOf(extra: string, row: ColumnRow, parsers: ColumnParsers): string | null {
  const written = onUpdateInExtra(extra);
  return written === null ? null : parsers.default(defaultKey(row.column_type, written));
}

function generatedOf(row: ColumnRow, parsers: ColumnParsers): GeneratedColumn | null {
  const kind = /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.exec(row.extra ?? "");
  if (!kind || row.generation_expression === null) return null;
  return {
    expression: parsers.expression(row.generation_expression),
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
function defaultOf(row: ColumnRow, type: ColumnType, parsers: ColumnParsers): string | null {
  const raw = row.column_default;
  if (raw === null) return null;
  if (parsers.dialect === "mariadb") return parsers.default(defaultKey(row.column_type, raw));
  if (/DEFAULT_GENERATED/i.test(row.extra ?? "")) {
    return parsers.default(defaultKey(row.column_type, catalogExpression(raw, parsers.dialect)));
  }
  const bare = NUMERIC_TYPES.has(type.name) || /^(b|x)'[0-9a-f]*'$|^0x[0-9a-f]+$/i.test(raw);
  return parsers.default(defaultKey(row.column_type, bare ? raw : quoteString(raw)));
}
