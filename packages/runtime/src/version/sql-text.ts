import type { DialectName } from "@retort/core";

/** Quotes an identifier for the dialect: backticks on MySQL/MariaDB, double quotes elsewhere. */
export function quoteIdent(dialect: DialectName, name: string): string {
  if (dialect === "mysql" || dialect === "mariadb") return "`" + name.replace(/`/g, "``") + "`";
  return '"' + name.replace(/"/g, '""') + '"';
}

/**
 * A string literal. Version-table values are inlined so the online and offline (--sql)
 * paths write the same statements; MySQL also treats backslash as an escape by default.
 */
export function quoteLiteral(dialect: DialectName, value: string): string {
  const body = value.replace(/'/g, "''");
  return `'${dialect === "mysql" || dialect === "mariadb" ? body.replace(/\\/g, "\\\\") : body}'`;
}

export function isMysqlFamily(dialect: DialectName): boolean {
  return dialect === "mysql" || dialect === "mariadb";
}
