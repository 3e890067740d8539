import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * An on-disk cache of compiled user files, so that a command run again does not
 * recompile unchanged entities (swc costs about 0.35 ms a file: a third of a second for
 * 1000 entities). Keyed by a hash of the compiler's identity, the file name and the
 * source, so an edit, a moved file or another swc version is a miss. The folder is the
 * user's own (mode 700, checked), since code read from it is executed.
 * `RETORT_COMPILE_CACHE=0` turns it off; `RETORT_COMPILE_CACHE=<dir>` moves it.
 */
export function cachedCompile(source: string, filename: string, salt: string, compile: () => string): string {
  const dir = cacheDir();
  if (dir === null) return compile();
  const file = join(dir, `${createHash("sha1").update(salt).update("\0").update(filename).update("\0").update(source).digest("hex")}.js`);
  try {
    return readFileSync(file, "utf8");
  } catch {
    // a miss: compile and store below
  }
  const js = compile();
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, js, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // a read-only or full disk only costs the next run its recompilation
  }
  return js;
}

let resolvedDir: string | null | undefined;

function cacheDir(): string | null {
  if (resolvedDir !== undefined) return resolvedDir;
  const setting = process.env.RETORT_COMPILE_CACHE;
  resolvedDir = setting === "0" || setting === "false" ? null : usableDir(setting || defaultDir());
  return resolvedDir;
}

function defaultDir(): string {
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return join(tmpdir(), `retort-compile-cache-${uid}`);
}

/** The folder, made if needed, when it is a real folder of this user that others cannot write. */
function usableDir(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    const ownedByUs = typeof process.getuid !== "function" || stat.uid === process.getuid();
    return stat.isDirectory() && ownedByUs && (stat.mode & 0o022) === 0 ? dir : null;
  } catch {
    return null;
  }
}
