import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { cacheDir } from "./cache-folder";

/** Fewer files than this: a worker's start (swc's binding loaded a second time) costs more than it saves. */
const MIN_FILES = 48;

export interface Precompiler {
  /** Ends the worker (the files loaded); it never keeps the process alive anyway. */
  stop(): void;
  /** Settles when the worker has ended (or at once when none was started). */
  readonly finished: Promise<void>;
}

const NOTHING: Precompiler = { stop: () => undefined, finished: Promise.resolve() };

/**
 * Compiles TypeScript files into the compile cache on a second thread, from the last
 * file backwards, while this thread requires them from the first: with a cold cache
 * (a first run, a fresh CI checkout) the two meet in the middle, each having compiled
 * about half (docs/performance.md). It only warms the cache: what it compiles is what
 * the require hook would (the same function, the same cache key), and a file it fails
 * on is compiled, and its error reported, by the hook as always.
 */
export function precompileAhead(files: readonly string[]): Precompiler {
  const typescript = files.filter((f) => /\.(c|m)?ts$/.test(f) && !f.endsWith(".d.ts"));
  if (typescript.length < MIN_FILES || availableParallelism() < 2 || cacheDir() === null) return NOTHING;
  let worker: Worker;
  try {
    worker = new Worker(join(__dirname, "precompile-worker.js"), { workerData: { files: typescript.reverse() } });
  } catch {
    return NOTHING;
  }
  worker.unref();
  const finished = new Promise<void>((resolve) => {
    worker.on("error", () => resolve());
    worker.on("exit", () => resolve());
  });
  return { stop: () => void worker.terminate().catch(() => undefined), finished };
}
