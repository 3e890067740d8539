import { hash } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * An on-disk cache of compiled user files, so that a command run again does not
 * recompile unchanged entities (swc costs about 0.35 ms a file: a third of a second for
 * 1000 entities). One entry per compiler identity and file path, which records the hash
 * of the source it was compiled from: an edited file is compiled again and its entry
 * replaced, and entries unused for two weeks are pruned once a day. The folder is the
 * user's own (mode 700, checked), since code read from it is executed.
 * `RETORT_COMPILE_CACHE=0` turns it off; `RETORT_COMPILE_CACHE=<dir>` moves it.
 */
export function cachedCompile(source: string, filename: string, salt: string, compile: () => string): string {
  const dir = cacheDir();
  if (dir === null) return compile();
  const file = join(dir, `${sha1(`${salt}\u0000${filename}`)}.js`);
  const header = `// retort-source ${sha1(source)}\n`;
  try {
    const cached = readFileSync(file, "utf8");
    if (cached.startsWith(header)) return cached.slice(header.length);
  } catch {
    // a miss: compile and store below
  }
  const js = compile();
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, header + js, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // a read-only or full disk only costs the next run its recompilation
  }
  return js;
}

function sha1(text: string): string {
  return hash("sha1", text, "hex");
}

let resolvedDir: string | null | undefined;

/** The cache folder (shared with the V8 code cache), or null when caching is off or unsafe. */
export function cacheDir(): string | null {
  if (resolvedDir !== undefined) return resolvedDir;
  const setting = process.env.RETORT_COMPILE_CACHE;
  resolvedDir = setting === "0" || setting === "false" ? null : usableDir(setting || defaultDir());
  if (resolvedDir !== null) pruneDaily(resolvedDir);
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

const DAY_MS = 24 * 60 * 60 * 1000;

/** Removes entries not written for two weeks (files moved or deleted, temporary projects). */
function pruneDaily(dir: string): void {
  const marker = join(dir, "last-pruned");
  try {
    if (Date.now() - statSync(marker).mtimeMs < DAY_MS) return;
  } catch {
    // never pruned
  }
  try {
    writeFileSync(marker, "");
    const cutoff = Date.now() - 14 * DAY_MS;
    for (const name of readdirSync(dir)) {
      const entry = join(dir, name);
      if (name !== "last-pruned" && statSync(entry).mtimeMs < cutoff) rmSync(entry, { force: true });
    }
  } catch {
    // pruning is best effort
  }
}
