import { RetortError } from "@retort/core";

export class LockTimeoutError extends RetortError {
  constructor(
    readonly lockName: string,
    readonly seconds: number,
  ) {
    super(
      "lock_timeout",
      `Another retort run holds the migration lock (${lockName}) and did not release it within ${seconds}s. Wait for it to finish, or raise lockTimeout in retort.config.ts.`,
    );
  }
}

/** A lock timeout that is not a usable number of seconds (NaN once meant "poll forever"). */
export class InvalidLockTimeoutError extends RetortError {
  constructor(
    readonly value: unknown,
    readonly key: "lockTimeout" | "ddlLockTimeout" = "lockTimeout",
  ) {
    super("invalid_lock_timeout", `${key} must be a number of seconds, 0 or more (got ${String(value)}). Set it in retort.config.ts, e.g. \`${key}: 60\`.`);
  }
}

/** Throws unless `value` is a finite number of seconds, 0 or more. */
export function requireSeconds(value: unknown, key: "lockTimeout" | "ddlLockTimeout"): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new InvalidLockTimeoutError(value, key);
  return value;
}
