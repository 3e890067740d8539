import { RetortError } from "@retort/core";

/** An `op.…` call whose promise nobody awaited, and which failed. */
export class UnawaitedOperationError extends RetortError {
  constructor(
    readonly revision: string,
    readonly call: string,
    readonly reason: string,
  ) {
    super(
      "unawaited_operation",
      `${call} was not awaited and failed: ${reason}. Every op call returns a promise: write \`await ${call.replace(/\(.*$/s, "(…)")}\` so the migration stops at the first error.`,
    );
  }
}

/** An `op.…` call made after the migration's upgrade()/downgrade() had returned. */
export class LateOperationError extends RetortError {
  constructor(
    readonly revision: string,
    readonly call: string,
  ) {
    super(
      "late_operation",
      `The migration of ${revision} called ${call} after its function had returned (a call that was not awaited, e.g. in a callback or timer). It was not run. Await every op call inside upgrade()/downgrade().`,
    );
  }
}

/** A promise rejected with no handler while a migration ran (its own code, not an op call). */
export class StrayRejectionError extends RetortError {
  constructor(
    readonly revision: string,
    readonly reason: string,
  ) {
    super(
      "stray_rejection",
      `A promise rejected with no handler while the migration of ${revision} ran: ${reason}. Await it (or catch it) inside upgrade()/downgrade().`,
    );
  }
}

/** The migration awaits something that nothing left in the process can ever settle. */
export class NeverSettlingMigrationError extends RetortError {
  constructor(readonly revision: string) {
    super(
      "migration_never_settles",
      `The migration of ${revision} is waiting for a promise that can never settle: no query is running and nothing else (timer, socket, file, child process) is left that could settle it. Check for a \`new Promise(…)\` whose resolve is never called, or an await on something that was never started.`,
    );
  }
}
