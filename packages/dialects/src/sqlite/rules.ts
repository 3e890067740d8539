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

const BUILT_IN_COLLATIONS: ReadonlySet<string> = new Set(["BINARY", "NOCASE", "RTRIM"]);

/**
 * A column collation as the model keeps it: `null` for BINARY, SQLite's default; the
 * built-in names upper-case (SQLite matches collation names case-insensitively).
 */
export function canonicalCollation(name: string | null): string | null {
  if (name === null) return null;
  const upper = name.toUpperCase();
  if (upper === "BINARY") return null;
  return BUILT_IN_COLLATIONS.has(upper) ? upper : name;
}
