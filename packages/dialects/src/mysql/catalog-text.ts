import type { DialectName } from "@retort/core";

/**
 * MySQL 8 reports expressions (GENERATION_EXPRESSION, CHECK_CLAUSE, expression defaults)
 * with their quotes backslash-escaped, `_utf8mb4\'x\'`, a known quirk of its data
 * dictionary views (MySQL bug #98811); MariaDB does not. Undone before normalising.
 */
export function catalogExpression(text: string, dialect: DialectName): string {
  return dialect === "mysql" ? text.replace(/\\'/g, "'") : text;
}

/** information_schema leaves comments empty rather than NULL. */
export function nonEmpty(text: string | null | undefined): string | null {
  return text === null || text === undefined || text === "" ? null : text;
}
