import type { Queryable } from "@retort/core";
import { createHash } from "node:crypto";
import type { LockPrimitive, MigrationLockScope } from "../engine";

/**
 * A session-level advisory lock, scoped to the current database by the server, released
 * by the server when the session ends, so a killed run never leaves it behind.
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 */
export async function postgresMigrationLock(db: Queryable, scope: MigrationLockScope): Promise<LockPrimitive> {
  const key = advisoryKey(`retort:${scope.versionTable}`);
  return {
    name: `pg_advisory_lock(${key})`,
    async tryAcquire() {
      const rows = await db.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [key]);
      return rows[0]?.ok === true;
    },
    async release() {
      await db.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
    },
  };
}

/** A signed 64-bit key from a name, as text for a `::bigint` parameter. */
function advisoryKey(name: string): string {
  return createHash("sha256").update(name).digest().readBigInt64BE(0).toString();
}
