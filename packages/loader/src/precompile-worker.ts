import { readFileSync } from "node:fs";
import { workerData } from "node:worker_threads";
import { compileCacheMisses } from "./compile-cache";
import { formatOf } from "./module-format";
import { compileTypeScript } from "./typescript-compile";

/**
 * The thread precompile-ahead.ts starts: compiles its files in the order given into the
 * compile cache. A run of files already there means the loading thread has caught up
 * (or the cache was warm): it stops then.
 */
const CAUGHT_UP = 8;

let hitsInARow = 0;
for (const file of (workerData as { files: string[] }).files) {
  const before = compileCacheMisses();
  try {
    compileTypeScript(readFileSync(file, "utf8"), file, formatOf(file));
  } catch {
    // the require hook compiles it again and reports the error
  }
  hitsInARow = compileCacheMisses() === before ? hitsInARow + 1 : 0;
  if (hitsInARow >= CAUGHT_UP) break;
}
