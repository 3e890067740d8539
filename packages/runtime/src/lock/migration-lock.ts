import { type Queryable } from "@retort/core";
import { engineFor, type LockPrimitive } from "@retort/dialects";
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

/** Takes the engine's migration lock on `db`'s database, held until `release()`. */
export async function acquireMigrationLock(db: Queryable, options: LockOptions): Promise<HeldLock> {
  requireSeconds(options.timeoutSeconds, "lockTimeout");
  const scope = { versionTable: options.versionTable, ...(options.projectDir ? { projectDir: options.projectDir } : {}) };
  return pollLock(await engineFor(db.dialect).migrationLock(db, scope), options);
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

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
