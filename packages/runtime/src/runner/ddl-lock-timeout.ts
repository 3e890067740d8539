import type { Queryable } from "@retort/core";
import { isMysqlFamily } from "../version/sql-text";

/**
 * `ddlLockTimeout` (README.md, "Configuration"): how long a migration's statement may wait
 * for a lock another session holds, so an ALTER stuck behind an application's open
 * transaction fails instead of waiting (and queueing every later query on that table
 * behind it). Session settings on the migration's own connection, restored afterwards:
 * - PostgreSQL `lock_timeout` (https://www.postgresql.org/docs/15/runtime-config-client.html#GUC-LOCK-TIMEOUT)
 * - MySQL/MariaDB `lock_wait_timeout` (metadata locks, which ALTER waits for) and
 *   `innodb_lock_wait_timeout` (row locks), whole seconds, at least 1
 * - SQLite `PRAGMA busy_timeout` (another connection's write lock)
 */
export async function applyDdlLockTimeout(db: Queryable, seconds: number): Promise<() => Promise<void>> {
  const ms = Math.round(seconds * 1000);
  if (db.dialect === "postgres") {
    await db.query(`SET lock_timeout = ${ms}`);
    return async () => void (await db.query("RESET lock_timeout"));
  }
  if (isMysqlFamily(db.dialect)) {
    const whole = Math.max(1, Math.ceil(seconds));
    await db.query(`SET SESSION lock_wait_timeout = ${whole}, SESSION innodb_lock_wait_timeout = ${whole}`);
    return async () => void (await db.query("SET SESSION lock_wait_timeout = DEFAULT, SESSION innodb_lock_wait_timeout = DEFAULT"));
  }
  const rows = await db.query<Record<string, unknown>>("PRAGMA busy_timeout");
  const before = Number(Object.values(rows[0] ?? {})[0] ?? 0);
  await db.query(`PRAGMA busy_timeout = ${ms}`);
  return async () => void (await db.query(`PRAGMA busy_timeout = ${before}`));
}

/** Whether a statement failed because it waited too long for another session's lock. */
export function isLockWaitTimeout(e: unknown): boolean {
  const err = e as { code?: unknown; errno?: unknown; message?: unknown };
  return (
    err?.code === "55P03" || // PostgreSQL lock_not_available
    Number(err?.errno) === 1205 || // MySQL ER_LOCK_WAIT_TIMEOUT
    err?.code === "SQLITE_BUSY" ||
    /SQLITE_BUSY|database is locked/i.test(String(err?.message ?? ""))
  );
}
