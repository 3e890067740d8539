import type { RevisionStep } from "../api/migrations";
import type { Output } from "./output";

const ids = (list: readonly string[]) => list.join(", ") || "<base>";

/** Alembic's line: `Running upgrade a -> b, message`, `Running downgrade b -> a, message`. */
export function runningLine(s: RevisionStep): string {
  const [from, to] = s.direction === "upgrade" ? [ids(s.parents), s.revision] : [s.revision, ids(s.parents)];
  return `Running ${s.direction} ${from} -> ${to}, ${s.message}`;
}

/** Said as soon as the migration lock is found taken, before waiting for it. */
export const LOCK_WAIT_LINE = "Another migration run holds the lock; waiting for it to finish…";

/** A step slower than this shows a ticking elapsed time on a terminal. */
const LONG_STEP_MS = 2000;

/**
 * Prints each revision as it starts (README.md, "Commands": upgrade/downgrade) and, on a
 * terminal, the elapsed time of a long one on a line it rewrites. Nothing under --json or -q.
 */
export function stepProgress(out: Output, stream: NodeJS.WriteStream = process.stdout) {
  const live = Boolean(stream.isTTY) && !out.options.json && !out.options.quiet;
  let timer: NodeJS.Timeout | undefined;
  let ticking = false;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (ticking) stream.write("\r\u001b[K");
    ticking = false;
  };
  return {
    start(s: RevisionStep) {
      out.progress(runningLine(s));
      if (!live) return;
      const started = Date.now();
      timer = setInterval(() => {
        const ms = Date.now() - started;
        if (ms < LONG_STEP_MS) return;
        ticking = true;
        stream.write(`\r  ${out.paint.dim(`${(ms / 1000).toFixed(0)} s elapsed`)}`);
      }, 1000);
      timer.unref();
    },
    done(ms: number) {
      const wasLong = ticking || ms >= LONG_STEP_MS;
      stop();
      if (wasLong) out.progress(`  ${out.paint.dim(`done in ${(ms / 1000).toFixed(1)} s`)}`);
    },
    stop,
  };
}
