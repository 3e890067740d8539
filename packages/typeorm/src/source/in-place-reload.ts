import { formatOf, loadedUserModules } from "@retort/loader";
import { sep } from "node:path";
import { collectEntities, entityFiles } from "../loading/load-entity-files";
import { typeormOf } from "../loading/project-typeorm";
import type { TypeormDataSource } from "../typeorm-shapes";

/** The entity files a DataSource's list came from, and how to list them again. */
export interface EntityFileList {
  /** The non-glob items of the DataSource's `entities` (classes it imports). */
  readonly given: readonly unknown[];
  readonly patterns: readonly string[];
  readonly baseDir: string;
  /** The files the patterns matched when the entities were loaded. */
  readonly files: readonly string[];
}

export type InPlaceOutcome = { readonly dataSource: TypeormDataSource; readonly list: EntityFileList } | { readonly fallback: string };

type Args = { readonly target?: unknown };
type NodeModule = { exports: unknown; filename: string };

/**
 * `check --watch` without a fresh process (docs/performance.md, "check --watch"):
 * re-reads the changed entity modules in this process and returns a DataSource whose
 * entity list holds the new classes; `dataSource`, the user's, is not changed.
 *
 * TypeORM's decorator registry is process-wide, so the registry entries of the old
 * version's classes are removed, and the module's old exports object (which importers
 * hold, and read at call time: `() => _user.User`) is pointed at the new version's
 * exports (the loader makes them replaceable). Whatever this cannot prove safe is a
 * `fallback` (the caller then checks in a fresh process, and drops this one, whose
 * registry may be half changed): a module not loaded as CommonJS, the DataSource's
 * module, an export that is not a class (an importer may have copied its value), a
 * decorated class no module exports, an old class still reachable (a subclass, an
 * option, an entity list), a file added or removed, a load error.
 */
export function reloadInPlace(dataSource: TypeormDataSource, list: EntityFileList, changed: readonly string[], dataSourceFile: string | undefined): InPlaceOutcome {
  try {
    return reload(dataSource, list, changed, dataSourceFile);
  } catch (e) {
    return { fallback: `reloading failed: ${(e as Error)?.message ?? String(e)}` };
  }
}

function reload(dataSource: TypeormDataSource, list: EntityFileList, changed: readonly string[], dataSourceFile: string | undefined): InPlaceOutcome {
  const files = list.patterns.length === 0 ? [] : entityFiles(list.patterns, list.baseDir);
  if (files.join("\n") !== list.files.join("\n")) return { fallback: "an entity file was added or removed" };
  const storage = typeormOf(dataSource).getMetadataArgsStorage() as unknown as Record<string, unknown>;
  const arrays = Object.values(storage).filter((v): v is Args[] => Array.isArray(v));
  const exported = exportedValues();
  for (const entry of arrays.flat()) {
    if (typeof entry.target === "function" && !exported.has(entry.target)) return { fallback: "a decorated class is not exported by its module" };
  }
  const cache = require.cache as Record<string, NodeModule | undefined>;
  const old = new Set<unknown>();
  for (const file of changed) {
    const mod = cache[file];
    if (!mod) return { fallback: `${file} is not a loaded CommonJS module` };
    if (file.includes(`${sep}node_modules${sep}`) || file === dataSourceFile || formatOf(file) !== "commonjs") return { fallback: `${file} cannot be re-read in place` };
    const values = classExports(mod.exports);
    if (!values) return { fallback: `${file} exports something other than classes, or not replaceably` };
    for (const v of values) old.add(v);
  }

  // The new versions, in load order; their exports go onto the old exports objects.
  const lengths = arrays.map((a) => a.length);
  for (const file of Object.keys(cache).filter((f) => changed.includes(f))) {
    const previous = cache[file]!;
    delete cache[file];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(file);
    } catch {
      return { fallback: `${file} does not load` };
    }
    const fresh = cache[file]!;
    const values = classExports(fresh.exports);
    if (!values || values.some((v) => exported.has(v))) return { fallback: `${file} now exports something other than its own classes` };
    replaceExports(previous.exports as object, fresh.exports as object);
    fresh.exports = previous.exports;
  }
  const added = new Set(arrays.flatMap((a, i) => a.slice(lengths[i]).map((e) => e.target)));
  const now = exportedValues();
  for (const target of added) if (typeof target !== "function" || !now.has(target)) return { fallback: "a new decorated class is not exported by its module" };
  for (const v of old) if (now.has(v)) return { fallback: "an old class is still exported (by a module that was not re-read)" };

  for (const array of arrays) keepOnly(array, (e) => !old.has(e.target));
  const entities = [...list.given];
  for (const file of files) {
    const mod = cache[file];
    if (!mod) return { fallback: `${file} is not a loaded CommonJS module` };
    collectEntities(mod.exports, entities);
  }
  if (refersTo([...arrays.flat(), entities, { ...dataSource.options, entities: list.given }], old)) return { fallback: "an old class is still referred to (a subclass, an option, an entity list)" };
  const generation = Object.create(dataSource, { options: { value: { ...dataSource.options, entities }, writable: true } }) as TypeormDataSource;
  return { dataSource: generation, list: { ...list, files } };
}

/** Every value the loaded user modules export (classes, and whatever else). */
function exportedValues(): Set<unknown> {
  const values = new Set<unknown>();
  for (const { exports } of loadedUserModules()) {
    if (exports && typeof exports === "object") for (const v of Object.values(exports)) values.add(v);
    else values.add(exports);
  }
  return values;
}

/** A module's exported classes, or undefined when it exports anything else or not replaceably. */
function classExports(exports: unknown): unknown[] | undefined {
  if (!exports || typeof exports !== "object") return undefined;
  const values: unknown[] = [];
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(exports))) {
    if (key === "__esModule") continue;
    const value = (exports as Record<string, unknown>)[key];
    if (!descriptor.configurable || typeof value !== "function") return undefined;
    values.push(value);
  }
  return values;
}

function replaceExports(target: object, source: object): void {
  for (const key of Object.keys(Object.getOwnPropertyDescriptors(target))) if (key !== "__esModule") delete (target as Record<string, unknown>)[key];
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(source))) if (key !== "__esModule") Object.defineProperty(target, key, descriptor);
}

function keepOnly<T>(array: T[], keep: (item: T) => boolean): void {
  let at = 0;
  for (const item of array) if (keep(item)) array[at++] = item;
  array.length = at;
}

/** Does `value` (objects and arrays a few levels down, prototype chains of classes) reach one of `old`? */
function refersTo(value: unknown, old: ReadonlySet<unknown>, depth = 0): boolean {
  if (old.has(value)) return true;
  if (typeof value === "function") {
    for (let p = Object.getPrototypeOf(value) as unknown; p && p !== Function.prototype; p = Object.getPrototypeOf(p)) if (old.has(p)) return true;
    return false;
  }
  if (depth > 4 || !value || typeof value !== "object") return false;
  return (Array.isArray(value) ? value : Object.values(value)).some((v) => refersTo(v, old, depth + 1));
}
