/**
 * Detects a migration stuck on a promise that can never settle: no query of its own in
 * flight, and nothing in the process besides what was there when it started (the database
 * connection, stdio) that could still call back. On SQLite (no socket) Node would simply
 * exit with the migration half-run; on PostgreSQL and MySQL the idle connection would keep
 * the process waiting forever. Two looks 250 ms apart, or Node's `beforeExit`, decide.
 */

/** Handles that are always there and never settle a migration's promise: stdio. */
const IGNORED = new Set(["PipeWrap", "TTYWrap"]);

function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) if (!IGNORED.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

function within(now: ReadonlyMap<string, number>, baseline: ReadonlyMap<string, number>): boolean {
  for (const [type, n] of now) if (n > (baseline.get(type) ?? 0)) return false;
  return true;
}

/** Calls `onStuck` once when the migration can no longer make progress; returns the stop function. */
export function watchForNeverSettling(queriesInFlight: () => number, onStuck: () => void): () => void {
  const baseline = resources();
  let idleLooks = 0;
  let fired = false;
  const fire = () => {
    if (fired) return;
    fired = true;
    onStuck();
  };
  const look = () => {
    if (queriesInFlight() === 0 && within(resources(), baseline)) idleLooks++;
    else idleLooks = 0;
    if (idleLooks >= 2) fire();
  };
  const timer = setInterval(look, 250);
  timer.unref(); // the watch itself must never keep the process alive
  const beforeExit = () => {
    if (queriesInFlight() === 0) fire();
  };
  process.on("beforeExit", beforeExit);
  return () => {
    clearInterval(timer);
    process.off("beforeExit", beforeExit);
  };
}
