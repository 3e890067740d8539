import type { Queryable } from "@retort/core";
import type { EngineSession } from "../engine";

export const sqliteSession: EngineSession = {
  // Take the write lock up front: no busy upgrade half-way through a revision.
  beginTransaction: "BEGIN IMMEDIATE",
  placeholder: () => "?",
  // better-sqlite3 binds no booleans, Dates or objects.
  bindValue(value) {
    if (value === undefined) return null;
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value instanceof Date) return value.toISOString();
    if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) return JSON.stringify(value);
    return value;
  },
  // PRAGMA busy_timeout: how long to wait for another connection's write lock.
  async setDdlLockTimeout(db: Queryable, seconds: number) {
    const rows = await db.query<Record<string, unknown>>("PRAGMA busy_timeout");
    const before = Number(Object.values(rows[0] ?? {})[0] ?? 0);
    await db.query(`PRAGMA busy_timeout = ${Math.round(seconds * 1000)}`);
    return async () => void (await db.query(`PRAGMA busy_timeout = ${before}`));
  },
  /**
   * `PRAGMA foreign_keys` is a no-op inside a transaction, and batch mode's move-and-copy
   * must run with it off (dropping a parent would otherwise cascade into its children).
   * So each transaction runs with foreign keys off, checked with `PRAGMA
   * foreign_key_check` before commit, and the setting is restored afterwards.
   * https://www.sqlite.org/pragma.html#pragma_foreign_keys
   */
  async suspendForeignKeys(db: Queryable) {
    const rows = await db.query<{ foreign_keys: number }>("PRAGMA foreign_keys");
    if (Number(rows[0]?.foreign_keys) !== 1) return async () => undefined;
    await db.query("PRAGMA foreign_keys = OFF");
    return async () => void (await db.query("PRAGMA foreign_keys = ON"));
  },
  async foreignKeyViolations(db: Queryable) {
    const rows = await db.query<{ table: string; parent: string }>("PRAGMA foreign_key_check");
    return rows.map((r) => ({ table: String(r.table), parent: String(r.parent) }));
  },
};
