import { formatOf, loadedUserModules } from "@retort/loader";
import { sep } from "node:path";
import { isDeepStrictEqual } from "node:util";
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

/** What a reload changed in TypeORM's registry: for building only what it touched (incremental-target-model.ts). */
export interface ReplacedClasses {
  /** Each old exported class of a re-read module whose module now exports a new class under the same name: old → new. */
  readonly pairs: ReadonlyMap<unknown, unknown>;
  /** Every class the new versions decorated (registry targets added). */
  readonly added: ReadonlySet<unknown>;
  /** The old classes' registry entries, by registry array (`tables`, `columns`…), as they were. */
  readonly removedArgs: Readonly<Record<string, readonly Args[]>>;
}

export type InPlaceOutcome = { readonly dataSource: TypeormDataSource; readonly list: EntityFileList; readonly replaced: ReplacedClasses } | { readonly fallback: string };

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
 * module, a changed export other than an entity class in a module others import (they
 * may have copied its value), a decorated class no module exports, an old class still
 * reachable (a subclass, an option), a file added or removed, a load error. The
 * DataSource's own list of entity classes (`entities: [User]`, copied when its module
 * ran) names the new versions in the new DataSource, as a fresh load of it would.
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
  const named = Object.entries(storage).filter((e): e is [string, Args[]] => Array.isArray(e[1]));
  const arrays = named.map(([, array]) => array);
  const exported = exportedValues();
  for (const entry of arrays.flat()) {
    if (typeof entry.target === "function" && !exported.has(entry.target)) return { fallback: "a decorated class is not exported by its module" };
  }
  const cache = require.cache as Record<string, NodeModule | undefined>;
  const registered = new Set(arrays.flat().map((e) => e.target));
  const old = new Set<unknown>();
  const before = new Map<string, { exports: Record<string, unknown>; imported: boolean }>();
  for (const file of changed) {
    const mod = cache[file];
    if (!mod) return { fallback: `${file} is not a loaded CommonJS module` };
    if (file.includes(`${sep}node_modules${sep}`) || file === dataSourceFile || formatOf(file) !== "commonjs") return { fallback: `${file} cannot be re-read in place` };
    const values = replaceableExports(mod.exports);
    if (!values) return { fallback: `${file} does not export replaceably` };
    for (const v of Object.values(values)) if (typeof v === "function") old.add(v);
    before.set(file, { exports: values, imported: isImported(mod, cache) });
  }

  // The new versions, in load order; their exports go onto the old exports objects.
  const lengths = arrays.map((a) => a.length);
  const pairs = new Map<unknown, unknown>();
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
    const values = replaceableExports(fresh.exports);
    if (!values || Object.values(values).some((v) => typeof v === "function" && exported.has(v))) return { fallback: `${file} now exports something it does not define` };
    const was = before.get(file)!;
    const added = new Set(arrays.flatMap((a, i) => a.slice(lengths[i]).map((e) => e.target)));
    const copied = was.imported && importersMayHaveCopied(was.exports, values, registered, added);
    if (copied) return { fallback: `${file} changed its export ${copied}, which a module importing it may have copied` };
    for (const [key, value] of Object.entries(values)) if (registered.has(was.exports[key]) && added.has(value)) pairs.set(was.exports[key], value);
    replaceExports(previous.exports as object, fresh.exports as object);
    // The old module object stays, as importers' `children` name it; it now imports what the new version does.
    (previous as { children?: unknown }).children = (fresh as { children?: unknown }).children;
    cache[file] = previous;
  }
  const added = new Set(arrays.flatMap((a, i) => a.slice(lengths[i]).map((e) => e.target)));
  const now = exportedValues();
  for (const target of added) if (typeof target !== "function" || !now.has(target)) return { fallback: "a new decorated class is not exported by its module" };
  for (const v of old) if (now.has(v)) return { fallback: "an old class is still exported (by a module that was not re-read)" };

  const removedArgs = Object.fromEntries(named.map(([name, array]) => [name, array.filter((e) => old.has(e.target))]));
  for (const array of arrays) keepOnly(array, (e) => !old.has(e.target));
  // The DataSource's own list of classes (`entities: [User]`) names a re-read class's new version, as a fresh load would.
  const given = list.given.map((e) => (pairs.has(e) ? pairs.get(e) : e));
  const entities = [...given];
  for (const file of files) {
    const mod = cache[file];
    if (!mod) return { fallback: `${file} is not a loaded CommonJS module` };
    collectEntities(mod.exports, entities);
  }
  if (refersTo([...arrays.flat(), entities, { ...dataSource.options, entities: given }], old)) return { fallback: "an old class is still referred to (a subclass, an option, an entity list)" };
  const generation = Object.create(dataSource, { options: { value: { ...dataSource.options, entities }, writable: true } }) as TypeormDataSource;
  return { dataSource: generation, list: { ...list, given, files }, replaced: { pairs, added, removedArgs } };
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

/** A module's exports by name, or undefined when one cannot be replaced (not configurable). */
function replaceableExports(exports: unknown): Record<string, unknown> | undefined {
  if (!exports || typeof exports !== "object") return undefined;
  const values: Record<string, unknown> = {};
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(exports))) {
    if (key === "__esModule") continue;
    if (!descriptor.configurable) return undefined;
    values[key] = (exports as Record<string, unknown>)[key];
  }
  return values;
}

/** Does a loaded user module other than `mod` itself import it? */
function isImported(mod: NodeModule, cache: Record<string, NodeModule | undefined>): boolean {
  return Object.values(cache).some((m) => m && m !== mod && !m.filename.includes(`${sep}node_modules${sep}`) && (m as { children?: unknown[] }).children?.includes(mod));
}

/**
 * The name of an export whose value an importer may have copied when it ran (a constant,
 * an enum, a helper's result) and that the new version changes; undefined if none. Entity
 * classes are read through the exports object when TypeORM asks (`() => Other`), so they
 * may change; other functions may not, data only if equal.
 */
function importersMayHaveCopied(was: Record<string, unknown>, now: Record<string, unknown>, registered: ReadonlySet<unknown>, added: ReadonlySet<unknown>): string | undefined {
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    const [a, b] = [was[key], now[key]];
    if (typeof a === "function" || typeof b === "function") {
      if (!(registered.has(a) && added.has(b))) return key;
    } else if (!isDeepStrictEqual(a, b)) return key;
  }
  return undefined;
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
