import { loadModule } from "@retort/loader";
import { NoEntityFilesError } from "../errors";
import { expandGlobs } from "./expand-globs";

const ENTITY_SCHEMA_MARK = Symbol.for("EntitySchema");

/**
 * Loads every file the globs match through retort's swc hook (decorator metadata kept)
 * and returns what TypeORM accepts as entities from them: exported classes and
 * EntitySchema objects, as TypeORM's own directory loader collects them.
 */
export function loadEntityFiles(patterns: readonly string[], baseDir: string): unknown[] {
  const files = expandGlobs(patterns, baseDir);
  if (files.length === 0) throw new NoEntityFilesError(patterns, baseDir);
  const entities: unknown[] = [];
  for (const file of files) {
    if (file.endsWith(".d.ts") || !/\.(c|m)?(t|j)s$/.test(file)) continue;
    collectEntities(loadModule<unknown>(file), entities);
  }
  return entities;
}

/**
 * The DataSource's `entities` with every glob string replaced by the entities of the
 * files it matches; TypeORM resolves relative globs against the working directory.
 */
export function resolveEntityList(entities: unknown, baseDir: string): unknown[] {
  const items = Array.isArray(entities) ? entities : entities && typeof entities === "object" ? Object.values(entities) : [];
  const globs = items.filter((e): e is string => typeof e === "string");
  const rest = items.filter((e) => typeof e !== "string");
  return globs.length === 0 ? rest : [...rest, ...loadEntityFiles(globs, baseDir)];
}

/** Module exports, and arrays or objects in them, as TypeORM's loader walks them (depth-limited: exports may hold cycles). */
function collectEntities(value: unknown, out: unknown[], depth = 0): void {
  if (typeof value === "function" || isEntitySchema(value)) out.push(value);
  else if (depth > 2 || !value || typeof value !== "object") return;
  else for (const v of Array.isArray(value) ? value : Object.values(value)) collectEntities(v, out, depth + 1);
}

function isEntitySchema(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { "@instanceof"?: unknown })["@instanceof"] === ENTITY_SCHEMA_MARK;
}
