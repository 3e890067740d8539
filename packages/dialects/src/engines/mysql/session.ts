import type { Queryable } from "@retort/core";
import type { EngineSession } from "../engine";

export const mysqlSession: EngineSession = {
  beginTransaction: "START TRANSACTION",
  placeholder: () => "?",
  // mysql2 would expand an object into `key = value` pairs: JSON-ish values go as JSON text.
  bindValue(value) {
    if (value === undefined) return null;
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value !== null && typeof value === "object" && !(value instanceof Date) && !Buffer.isBuffer(value)) return JSON.stringify(value);
    return value;
  },
  // lock_wait_timeout (metadata locks, which ALTER waits for) and innodb_lock_wait_timeout
  // (row locks), whole seconds, at least 1.
  async setDdlLockTimeout(db: Queryable, seconds: number) {
    const whole = Math.max(1, Math.ceil(seconds));
    await db.query(`SET SESSION lock_wait_timeout = ${whole}, SESSION innodb_lock_wait_timeout = ${whole}`);
    return async () => void (await db.query("SET SESSION lock_wait_timeout = DEFAULT, SESSION innodb_lock_wait_timeout = DEFAULT"));
  },
  suspendForeignKeys: async () => async () => undefined,
  foreignKeyViolations: async () => [],
};
