import type { Queryable } from "@retort/core";
import { MYSQL_QUOTING } from "../ddl/identifiers";

/**
 * A view definition as MySQL/MariaDB store it (every name qualified with its database,
 * https://dev.mysql.com/doc/refman/8.0/en/view-restrictions.html), made comparable and
 * portable: the current database's qualifier is taken out, so the text means the same in
 * a database of another name. Other databases' qualifiers stay.
 */
export function mysqlViewDefinition(stored: string, currentDatabase: string): string {
  return stored.split(`${MYSQL_QUOTING.ident(currentDatabase)}.`).join("").trim();
}

/**
 * The entity's definition as MySQL/MariaDB would store it. There are no temporary views,
 * so a probe view is created in the current database, read back and dropped at once.
 * `null` when the server refuses it (the view cannot be unchanged then).
 */
export async function mysqlStoredViewDefinition(db: Queryable, definition: string, probe: string): Promise<string | null> {
  const name = MYSQL_QUOTING.ident(probe);
  try {
    await db.query(`CREATE VIEW ${name} AS ${definition}`);
  } catch {
    return null;
  }
  try {
    const [row] = await db.query<{ definition: string; current: string }>(
      "SELECT VIEW_DEFINITION AS definition, DATABASE() AS current FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
      [probe],
    );
    return row ? mysqlViewDefinition(row.definition, row.current) : null;
  } finally {
    await db.query(`DROP VIEW IF EXISTS ${name}`);
  }
}
