import type { DialectName } from "@retort/core";

const ESCAPED: Readonly<Record<string, string>> = { "0": "\0", n: "\n", r: "\r", t: "\t", Z: "\x1a" };

/**
 * MySQL 8 reports expressions (GENERATION_EXPRESSION, CHECK_CLAUSE, expression defaults)
 * string-escaped, `concat(`a`,_utf8mb4\' \')`, as other tools found too (e.g.
 * shopware-cli PR #847); MariaDB reports plain SQL. Undone before normalising.
 */
export function catalogExpression(text: string, dialect: DialectName): string {
  return dialect === "mysql" ? text.replace(/\\(.)/gs, (_, ch: string) => ESCAPED[ch] ?? ch) : text;
}

/** information_schema leaves comments empty rather than NULL. */
export function nonEmpty(text: string | null | undefined): string | null {
  return text === null || text === undefined || text === "" ? null : text;
}
