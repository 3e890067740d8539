import type { Quoting } from "./identifiers";

/**
 * A JavaScript value as an SQL literal, for statements printed offline (`--sql`), where
 * there is no connection to bind parameters on. Online, values are always bound.
 */
export function sqlValue(value: unknown, quoting: Quoting): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return quoting.literal(value.toISOString());
  if (Buffer.isBuffer(value)) return `X'${value.toString("hex")}'`;
  if (typeof value === "object") return quoting.literal(JSON.stringify(value));
  return quoting.literal(String(value));
}

/** Replaces `?` or `$n` placeholders with literals, for printing `execute(sql, params)` offline. */
export function inlineParams(sql: string, params: readonly unknown[], quoting: Quoting): string {
  if (params.length === 0) return sql;
  let next = 0;
  return sql.replace(/\$(\d+)|\?/g, (_m, n: string | undefined) =>
    sqlValue(params[n === undefined ? next++ : Number(n) - 1], quoting),
  );
}
