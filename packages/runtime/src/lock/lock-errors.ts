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
