import type { ColumnType, DialectRules } from "@retort/core";
import { canonicalExpression } from "./expression-normalizer";
import { parseSqliteType } from "./sqlite-types";

/** SQLite stores TRUE and FALSE as the integers 1 and 0 (https://www.sqlite.org/lang_expr.html#booleanexpr). */
const BOOLEAN_LITERALS: Readonly<Record<string, string>> = { TRUE: "1", FALSE: "0" };

/**
 * SQLite's normalisation rules. A default reads the same whether it comes from DDL
 * (`DEFAULT (datetime('now'))`, `DEFAULT 'abc'`) or from `PRAGMA table_info.dflt_value`,
 * which keeps the text as written minus one outer pair of parentheses.
 */
export const sqliteRules: DialectRules = {
  family: "sqlite",
  parseType: (sqlType: string): ColumnType => parseSqliteType(sqlType),
  normalizeDefault(expression: string, type: ColumnType): string | null {
    void type; // SQLite defaults do not depend on the column type
    const canonical = canonicalExpression(expression);
    if (canonical === "" || canonical === "NULL") return null;
    return BOOLEAN_LITERALS[canonical] ?? canonical;
  },
  normalizeExpression: (expression: string): string => canonicalExpression(expression),
};

/**
 * A column collation as the model keeps it: `null` for BINARY, SQLite's default; other
 * names upper-case, since SQLite looks collations up case-insensitively.
 */
export function canonicalCollation(name: string | null): string | null {
  const upper = name?.toUpperCase() ?? null;
  return upper === "BINARY" ? null : upper;
}
