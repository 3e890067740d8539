import type { Queryable } from "@retort/core";
import type { EngineSession } from "../engine";

export const postgresSession: EngineSession = {
  beginTransaction: "BEGIN",
  placeholder: (index) => `$${index}`,
  bindValue: (value) => (value === undefined ? null : value),
  // lock_timeout: https://www.postgresql.org/docs/15/runtime-config-client.html#GUC-LOCK-TIMEOUT
  async setDdlLockTimeout(db: Queryable, seconds: number) {
    await db.query(`SET lock_timeout = ${Math.round(seconds * 1000)}`);
    return async () => void (await db.query("RESET lock_timeout"));
  },
  suspendForeignKeys: async () => async () => undefined,
  foreignKeyViolations: async () => [],
};
