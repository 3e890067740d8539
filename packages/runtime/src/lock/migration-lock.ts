import { type Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { createHash } from "node:crypto";
import { LockTimeoutError, requireSeconds } from "./lock-errors";

/** A held migration lock. */
export interface HeldLock {
  /** How long acquiring it took; > 0 when another run held it first. */
  readonly waitedMs: number;
  /** Whether the first attempt found it taken. */
  readonly waited: boolean;
  release(): Promise<void>;
}

export interface LockOptions {
  /** Seconds to wait (`lockTimeout` in README.md, default 60); a finite number, 0 or more. */
  readonly timeoutSeconds: number;
  /** Names the lock: one lock per version table. */
  readonly versionTable: string;
  readonly projectDir?: string;
  readonly pollMs?: number;
  /** Called once, as soon as the first attempt finds the lock taken (to say so before waiting). */
  readonly onWait?: () => void;
}

/** Takes the per-dialect migration lock on `db`'s database, held until `release()`. */
export async function acquireMigrationLock(db: Queryable, options: LockOptions): Promise<HeldLock> {
  requireSeconds(options.timeoutSeconds, "lockTimeout");
  switch (db.dialect) {
    case "postgres":
      return pollLock(postgresLock(db, options.versionTable), options);
    case "mysql":
    case "mariadb":
      return pollLock(await mysqlLock(db, options.versionTable), options);
    case "sqlite":
      return pollLock(await sqliteLock(db, options), options);
  }
}

interface LockPrimitive {
  readonly name: string;
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}

async function pollLock(lock: LockPrimitive, options: LockOptions): Promise<HeldLock> {
  const started = Date.now();
  const deadline = started + options.timeoutSeconds * 1000;
  let attempts = 0;
  for (;;) {
    attempts++;
    if (await lock.tryAcquire()) {
      return { waitedMs: attempts === 1 ? 0 : Date.now() - started, waited: attempts > 1, release: () => lock.release() };
    }
    if (attempts === 1) options.onWait?.();
    if (Date.now() >= deadline) {
      await lock.release().catch(() => undefined);
      throw new LockTimeoutError(lock.name, options.timeoutSeconds);
    }
    await sleep(Math.min(options.pollMs ?? 100, Math.max(1, deadline - Date.now())));
  }
}

/**
 * PostgreSQL: a session-level advisory lock, scoped to the current database by the
 * server, released by the server when the session ends, so a killed run never leaves it
 * behind. https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 */
function postgresLock(db: Queryable, versionTable: string): LockPrimitive {
  const key = advisoryKey(`retort:${versionTable}`);
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

/**
 * MySQL/MariaDB: GET_LOCK is server-wide, so the name carries the database; it is held
 * by the session and freed when it ends. Names are limited to 64 characters.
 * https://dev.mysql.com/doc/refman/8.0/en/locking-functions.html
 */
async function mysqlLock(db: Queryable, versionTable: string): Promise<LockPrimitive> {
  const rows = await db.query<{ d: string | null }>("SELECT DATABASE() AS d");
  let name = `retort:${rows[0]?.d ?? ""}.${versionTable}`;
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

/**
 * SQLite: an exclusive transaction held open on a sidecar file `<db>-retort.lock`.
 * A write lock on the database file itself would have to stay open for the whole run,
 * which rules out one transaction per revision and the `PRAGMA foreign_keys` switch
 * that batch mode needs between transactions. SQLite's file locks are POSIX advisory
 * locks that the OS drops when the process dies, so a SIGKILLed run leaves no stale lock
 * (a lock row in a table would stay behind). https://www.sqlite.org/lockingv3.html
 * An in-memory database has a single connection and needs no lock.
 */
async function sqliteLock(db: Queryable, options: LockOptions): Promise<LockPrimitive> {
  const rows = await db.query<{ name: string; file: string | null }>("PRAGMA database_list");
  const file = rows.find((r) => r.name === "main")?.file ?? "";
  if (file === "") return { name: "sqlite :memory:", tryAcquire: async () => true, release: async () => undefined };
  const lockFile = `${file}-retort.lock`;
  const lockDb = await connect(`sqlite:${lockFile}`, options.projectDir ? { projectDir: options.projectDir } : {});
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

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
