import type { DialectName, Queryable } from "@retort/core";
import { isMysqlFamily } from "../version/sql-text";

/**
 * Whether DDL rolls back with its transaction. PostgreSQL and SQLite: yes. MySQL and
 * MariaDB commit implicitly before and after each DDL statement:
 * https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html
 */
export function hasTransactionalDdl(dialect: DialectName): boolean {
  return !isMysqlFamily(dialect);
}

export function beginStatement(dialect: DialectName): string {
  if (dialect === "sqlite") return "BEGIN IMMEDIATE"; // take the write lock up front: no busy upgrade mid-way
  if (isMysqlFamily(dialect)) return "START TRANSACTION";
  return "BEGIN";
}

/**
 * On SQLite, `PRAGMA foreign_keys` is a no-op inside a transaction, and batch mode's
 * move-and-copy must run with it off (dropping a parent would otherwise cascade into its
 * children). So each transaction runs with foreign keys off, checked with
 * `PRAGMA foreign_key_check` before commit, and the setting is restored afterwards.
 * https://www.sqlite.org/pragma.html#pragma_foreign_keys
 */
export async function sqliteForeignKeysOff(db: Queryable): Promise<() => Promise<void>> {
  const rows = await db.query<{ foreign_keys: number }>("PRAGMA foreign_keys");
  if (Number(rows[0]?.foreign_keys) !== 1) return async () => undefined;
  await db.query("PRAGMA foreign_keys = OFF");
  return async () => {
    await db.query("PRAGMA foreign_keys = ON");
  };
}

export async function sqliteForeignKeyViolations(db: Queryable): Promise<{ table: string; parent: string }[]> {
  const rows = await db.query<{ table: string; parent: string }>("PRAGMA foreign_key_check");
  return rows.map((r) => ({ table: String(r.table), parent: String(r.parent) }));
}
