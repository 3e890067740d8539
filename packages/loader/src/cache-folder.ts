import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/**
 * Where retort keeps its compile cache and V8 code cache: inside the user's project, in
 * `node_modules/.cache/retort` of the nearest folder (from the working directory up)
 * that has a `node_modules`, as Babel, ESLint and others do. Never a shared temp folder:
 * the cache holds the compiled config and DataSource module, which may hold secrets
 * (README.md, "Caches").
 *
 * `RETORT_CACHE=0` turns caching off; `RETORT_CACHE_DIR=<dir>` moves it. The older
 * `RETORT_COMPILE_CACHE` (`0`, or a folder) still works.
 */
export function cacheDir(): string | null {
  if (resolvedDir !== undefined) return resolvedDir;
  resolvedDir = chooseDir(process.env);
  if (resolvedDir !== null) pruneDaily(resolvedDir);
  return resolvedDir;
}

let resolvedDir: string | null | undefined;

function chooseDir(env: NodeJS.ProcessEnv): string | null {
  const off = (value: string | undefined) => value === "0" || value === "false" || value === "off";
  if (off(env.RETORT_CACHE) || off(env.RETORT_COMPILE_CACHE)) return null;
  const explicit = env.RETORT_CACHE_DIR || env.RETORT_COMPILE_CACHE;
  if (explicit) return usableDir(resolve(explicit));
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    return null; // the working folder was deleted: retort says so once it starts (exit 2), uncached
  }
  const root = projectRoot(cwd);
  return root === null ? null : usableDir(join(root, "node_modules", ".cache", "retort"));
}

/** The nearest folder from `start` up that has a node_modules folder. */
export function projectRoot(start: string): string | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return dir;
    if (dirname(dir) === dir) return null;
  }
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

/**
 * Removes entries not written for two weeks (files moved or deleted), once a day; and
 * the shared temp folder where retort 0.1 kept its cache, with compiled config files in it.
 */
function pruneDaily(dir: string): void {
  const marker = join(dir, "last-pruned");
  try {
    if (Date.now() - statSync(marker).mtimeMs < DAY_MS) return;
  } catch {
    // never pruned
  }
  removeLegacyTempCache();
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

function removeLegacyTempCache(): void {
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const legacy = join(tmpdir(), `retort-compile-cache-${uid ?? "user"}`);
  try {
    if (uid === undefined || lstatSync(legacy).uid === uid) rmSync(legacy, { recursive: true, force: true });
  } catch {
    // none there
  }
}
