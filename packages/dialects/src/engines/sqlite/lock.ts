import type { Queryable } from "@retort/core";
import { connect } from "../../connection/connect";
import type { LockPrimitive, MigrationLockScope } from "../engine";

/**
 * An exclusive transaction held open on a sidecar file `<db>-retort.lock`. A write lock
 * on the database file itself would have to stay open for the whole run, which rules out
 * one transaction per revision and the `PRAGMA foreign_keys` switch that batch mode needs
 * between transactions. SQLite's file locks are POSIX advisory locks that the OS drops
 * when the process dies, so a SIGKILLed run leaves no stale lock (a lock row in a table
 * would stay behind). https://www.sqlite.org/lockingv3.html
 * An in-memory database has a single connection and needs no lock.
 */
export async function sqliteMigrationLock(db: Queryable, scope: MigrationLockScope): Promise<LockPrimitive> {
  const rows = await db.query<{ name: string; file: string | null }>("PRAGMA database_list");
  const file = rows.find((r) => r.name === "main")?.file ?? "";
  if (file === "") return { name: "sqlite :memory:", tryAcquire: async () => true, release: async () => undefined };
  const lockFile = `${file}-retort.lock`;
  const lockDb = await connect(`sqlite:${lockFile}`, scope.projectDir ? { projectDir: scope.projectDir } : {});
  // Never block inside the driver (better-sqlite3 would block the event loop): poll instead.
  await lockDb.query("PRAGMA busy_timeout = 0");
  let held = false;
  return {
    name: `SQLite lock file ${lockFile}`,
    async tryAcquire() {
      try {
        await lockDb.query("BEGIN EXCLUSIVE");
        held = true;
        return true;
      } catch (e) {
        if (isBusy(e)) return false;
        throw e;
      }
    },
    async release() {
      if (held) await lockDb.query("ROLLBACK").catch(() => undefined);
      held = false;
      await lockDb.close();
    },
  };
}

function isBusy(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === "SQLITE_BUSY" || /SQLITE_BUSY|database is locked/i.test(err.message ?? "");
}
