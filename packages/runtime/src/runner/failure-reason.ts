import { isLockWaitTimeout } from "./ddl-lock-timeout";

/**
 * Why a revision failed, as its message says it: the server's error, PostgreSQL's own
 * hint, and what to do for the failures with a known way through (a lock wait that timed
 * out; PostgreSQL's lock table running out, README.md "Very large revisions").
 */
export function failureReason(cause: unknown, ddlLockTimeout: number | undefined): string {
  const err = cause as { code?: unknown; hint?: unknown };
  let reason = cause instanceof Error ? cause.message : String(cause);
  if (typeof err?.hint === "string" && err.hint !== "") reason += ` (PostgreSQL's hint: ${err.hint})`;
  if (err?.code === "53200") {
    reason +=
      ". The revision locks more objects than PostgreSQL's shared lock table holds (max_locks_per_transaction × max_connections): split it into several revisions (autogen writes very large changes as a chain of revisions), or raise max_locks_per_transaction in postgresql.conf and restart the server";
  }
  if (isLockWaitTimeout(cause)) {
    const limit = ddlLockTimeout === undefined ? "the server's lock timeout" : `ddlLockTimeout (${ddlLockTimeout} s)`;
    reason += ` (another session held a lock on the table for longer than ${limit}: run again when it is done, or raise ddlLockTimeout / --ddl-lock-timeout)`;
  }
  return reason;
}
