import type { Queryable } from "@retort/core";
import { createHash } from "node:crypto";
import type { LockPrimitive, MigrationLockScope } from "../engine";

/**
 * GET_LOCK is server-wide, so the name carries the database; it is held by the session
 * and freed when it ends. Names are limited to 64 characters.
 * https://dev.mysql.com/doc/refman/8.0/en/locking-functions.html
 */
export async function mysqlMigrationLock(db: Queryable, scope: MigrationLockScope): Promise<LockPrimitive> {
  const rows = await db.query<{ d: string | null }>("SELECT DATABASE() AS d");
  let name = `retort:${rows[0]?.d ?? ""}.${scope.versionTable}`;
  if (name.length > 64) name = `retort:${createHash("sha256").update(name).digest("hex").slice(0, 56)}`;
  return {
    name: `GET_LOCK('${name}')`,
    async tryAcquire() {
      const r = await db.query<{ ok: number | string | null }>("SELECT GET_LOCK(?, 0) AS ok", [name]);
      return Number(r[0]?.ok) === 1;
    },
    async release() {
      await db.query("SELECT RELEASE_LOCK(?)", [name]);
    },
  };
}
