import { compileCacheMisses, loadModule, precompileAhead, type Precompiler } from "@retort/loader";
import { NoEntityFilesError } from "../errors";
import { expandGlobs } from "./expand-globs";

const ENTITY_SCHEMA_MARK = Symbol.for("EntitySchema");

/**
 * Loads every file the globs match through retort's swc hook (decorator metadata kept)
 * and returns what TypeORM accepts as entities from them: exported classes and
 * EntitySchema objects, as TypeORM's own directory loader collects them.
 */
export async function loadEntityFiles(patterns: readonly string[], baseDir: string): Promise<unknown[]> {
  const entities: unknown[] = [];
  for (const file of entityFiles(patterns, baseDir)) collectEntities(await loadModule<unknown>(file), entities);
  return entities;
}

/** Files loaded between two turns of the event loop: a few milliseconds of work. */
const FILES_PER_TURN = 16;

/**
 * As loadEntityFiles, but giving the event loop a turn every few files, so that I/O
 * started before (a connection, catalog queries) goes on while a thousand entities load.
 */
export async function loadEntityFilesInTurns(patterns: readonly string[], baseDir: string): Promise<unknown[]> {
  const entities: unknown[] = [];
  const files = entityFiles(patterns, baseDir);
  const missesBefore = compileCacheMisses();
  let ahead: Precompiler | undefined;
  try {
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && i % FILES_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      // Most of the first files compiled: the compile cache is cold, and a second thread compiles the rest from the end.
      if (i === FILES_PER_TURN && compileCacheMisses() - missesBefore > FILES_PER_TURN / 2) ahead = precompileAhead(files.slice(i));
      collectEntities(await loadModule<unknown>(files[i]!), entities);
    }
  } finally {
    ahead?.stop();
  }
  return entities;
}

export function entityFiles(patterns: readonly string[], baseDir: string): string[] {
  const files = expandGlobs(patterns, baseDir);
  if (files.length === 0) throw new NoEntityFilesError(patterns, baseDir);
  return files.filter((file) => !file.endsWith(".d.ts") && /\.(c|m)?(t|j)s$/.test(file));
}

/**
 * The DataSource's `entities` with every glob string replaced by the entities of the
 * files it matches; TypeORM resolves relative globs against the working directory.
 */
export async function resolveEntityList(entities: unknown, baseDir: string): Promise<unknown[]> {
  const items = Array.isArray(entities) ? entities : entities && typeof entities === "object" ? Object.values(entities) : [];
  const globs = items.filter((e): e is string => typeof e === "string");
  const rest = items.filter((e) => typeof e !== "string");
  return globs.length === 0 ? rest : [...rest, ...(await loadEntityFilesInTurns(globs, baseDir))];
}

/** Module exports, and arrays or objects in them, as TypeORM's loader walks them (depth-limited: exports may hold cycles). */
export function collectEntities(value: unknown, out: unknown[], depth = 0): void {
  if (typeof value === "function" || isEntitySchema(value)) out.push(value);
  else if (depth > 2 || !value || typeof value !== "object") return;
  else for (const v of Array.isArray(value) ? value : Object.values(value)) collectEntities(v, out, depth + 1);
}

function isEntitySchema(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { "@instanceof"?: unknown })["@instanceof"] === ENTITY_SCHEMA_MARK;
}
