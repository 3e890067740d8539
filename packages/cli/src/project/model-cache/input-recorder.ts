import { loadedUserModules } from "@retort/loader";
import fs from "node:fs";
import { isAbsolute, resolve, sep } from "node:path";

/** What loading the user's code read besides the modules: environment variables and plain files (a `.env`). */
export interface RecordedInputs {
  /** Each variable read, with its value before the load began (`null`: unset); a `.env` loader's own values are in its file. */
  readonly env: Readonly<Record<string, string | null>>;
  /** Project files (not under node_modules) the load read: modules, `.env`, tsconfig. Absolute paths, sorted. */
  readonly files: readonly string[];
}

/**
 * Runs `load` while noting which environment variables and files it reads, for the model
 * cache's key (README.md, "Caches"). Variables through a Proxy on `process.env`, files
 * through `fs.readFileSync` (what dotenv and the loader use) and the user modules loaded.
 * Whatever other work runs meanwhile (the catalog queries) may add to the record: a key
 * with more inputs than needed only misses more often.
 */
export async function recordInputs<T>(load: () => Promise<T>): Promise<{ value: T; inputs: RecordedInputs }> {
  const before = { ...process.env };
  const envRead = new Set<string>();
  const filesRead = new Set<string>();
  let recording = true;
  const realEnv = process.env;
  const realReadFileSync = fs.readFileSync;
  process.env = new Proxy(realEnv, {
    get(target, key, receiver) {
      if (recording && typeof key === "string") envRead.add(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (recording && typeof key === "string") envRead.add(key);
      return Reflect.has(target, key);
    },
  });
  fs.readFileSync = function (this: unknown, ...args: Parameters<typeof fs.readFileSync>) {
    const path = args[0];
    if (recording && (typeof path === "string" || path instanceof URL)) filesRead.add(typeof path === "string" ? path : path.pathname);
    return realReadFileSync.apply(this, args);
  } as typeof fs.readFileSync;
  try {
    const value = await load();
    return { value, inputs: { env: envValues(envRead, before), files: projectFiles([...filesRead, ...[...loadedUserModules()].map((m) => m.file)]) } };
  } finally {
    recording = false;
    process.env = realEnv;
    fs.readFileSync = realReadFileSync;
  }
}

function envValues(names: Iterable<string>, before: NodeJS.ProcessEnv): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const name of [...names].sort()) values[name] = before[name] ?? null;
  return values;
}

function projectFiles(paths: readonly string[]): string[] {
  const files = new Set<string>();
  for (const p of paths) {
    const file = isAbsolute(p) ? p : resolve(p);
    if (file.includes(`${sep}node_modules${sep}`)) continue;
    try {
      if (fs.statSync(file).isFile()) files.add(file);
    } catch {
      // read and gone, or never there: nothing to key on
    }
  }
  return [...files].sort();
}
