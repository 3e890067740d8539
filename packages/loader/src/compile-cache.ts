import { hash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { cacheDir } from "./cache-folder";

/**
 * An on-disk cache of compiled user files, so that a command run again does not
 * recompile unchanged entities (swc costs about 0.35 ms a file: a third of a second for
 * 1000 entities). One entry per compiler identity (`key`: format, compiler options,
 * loader and swc versions) and file path. Its first line records the hash of the source it
 * was compiled from and a checksum of the compiled text: an edited file is compiled
 * again, and a damaged or truncated entry (disk error, a killed write) is detected and
 * rebuilt, never run. `compile` is told the entry's file, to keep a source map beside it.
 */
export function cachedCompile(source: string, filename: string, key: string, compile: (entry: string | null) => string): string {
  const dir = cacheDir();
  if (dir === null) return compile(null);
  const file = join(dir, `${sha1(`${key}\u0000${filename}`)}.js`);
  const sourceHash = sha1(source);
  try {
    const cached = readFileSync(file, "utf8");
    const newline = cached.indexOf("\n");
    const [mark, entrySource, entrySum] = cached.slice(0, newline).split(" ");
    const js = cached.slice(newline + 1);
    if (mark === HEADER && entrySource === sourceHash && entrySum === sha1(js)) return js;
  } catch {
    // a miss: compile and store below
  }
  misses++;
  const js = compile(file);
  try {
    // Per thread: precompile-ahead.ts's worker may write the same entry at the same moment.
    const temporary = `${file}.${process.pid}-${threadId}.tmp`;
    writeFileSync(temporary, `${HEADER} ${sourceHash} ${sha1(js)}\n${js}`, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // a read-only or full disk only costs the next run its recompilation
  }
  return js;
}

const HEADER = "//retort-compiled";

let misses = 0;

/** How many files this process has compiled (not found in the cache) so far. */
export function compileCacheMisses(): number {
  return misses;
}

function sha1(text: string): string {
  return hash("sha1", text, "hex");
}
