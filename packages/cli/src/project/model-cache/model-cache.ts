import type { BuiltModel, DatabaseFacts, GlobMatch, ModelCachePart, SourceProject } from "@retort/core";
import { cacheDir } from "@retort/loader";
import { createHash } from "node:crypto";
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { VERSION } from "../../version";
import type { RecordedInputs } from "./input-recorder";

/**
 * The entity side of a comparison, kept between runs so that `check` loads no entity
 * file when none changed (README.md, "Caches"). An entry is keyed by everything the
 * model was built from: the content of each project file the last load read (modules,
 * `.env`, tsconfig), the environment variables it read, the entity globs' matches, the
 * config file, retort and the model source's tools (for TypeORM: the installed TypeORM
 * and the converter's build), and the database facts the model depends on (dialect,
 * default schema, server version). It is checksummed: a damaged entry is a miss, rebuilt
 * silently. Only sources with a `cache` part (the ModelSource port) are cached.
 */
export interface EntitySide extends BuiltModel {
  /** What the source keeps to be restored without loading (a DataSource's connection options, `synchronize`…). */
  readonly sourceState: unknown;
}

export type { DatabaseFacts, GlobMatch };

/** What identifies the project and its tools, known before anything of the user's loads. */
export interface ProjectKey {
  readonly configFile: string;
  readonly explicitUrl: string | null;
}

interface Entry {
  readonly format: typeof FORMAT;
  readonly tools: Tools;
  readonly project: ProjectKey & { readonly cwd: string };
  readonly files: readonly StoredFile[];
  readonly env: Readonly<Record<string, string | null>>;
  readonly globs: readonly GlobMatch[];
  readonly facts: DatabaseFacts;
  readonly side: EntitySide;
}

/** A project file as the entry saw it; `stat` is left out when the file was too recently written to trust its mtime. */
interface StoredFile {
  readonly path: string;
  readonly sha1: string;
  readonly stat?: { readonly size: number; readonly mtimeMs: number };
}

/** Bumped when the cached entity model gains facts (4: exclusion constraints, docs/schema-objects.md). */
const FORMAT = 4;

/**
 * A file whose mtime is this close to the time the entry is written may change again
 * within the same mtime tick (coarse file-system clocks): its size and mtime then prove
 * nothing and it is hashed on every read (git's "racy clean" rule).
 */
const RACY_MS = 2000;


export class ModelCache {
  private constructor(
    private readonly file: string,
    private readonly project: ProjectKey & { readonly cwd: string },
    private readonly source: { readonly part: ModelCachePart; readonly project: SourceProject } | null,
  ) {}

  /**
   * The project's cache, or `null` when caching is off (`RETORT_CACHE=0`) or has no folder.
   * `source`: the model source's cache part; without one (a Prisma schema) only `lastInputs` is of use.
   */
  static open(project: ProjectKey, source: { readonly part: ModelCachePart; readonly project: SourceProject } | null): ModelCache | null {
    const dir = cacheDir();
    if (dir === null) return null;
    const cwd = process.cwd();
    const name = createHash("sha1").update(`${project.configFile}\0${cwd}`).digest("hex");
    return new ModelCache(join(dir, `model-${name}.json`), { ...project, cwd }, source);
  }

  /** The stored entity side if nothing it was built from changed (the database facts are checked by the caller). */
  read(): { readonly facts: DatabaseFacts; readonly side: EntitySide } | undefined {
    const entry = this.readEntry();
    if (!entry || entry.format !== FORMAT || !this.source) return undefined;
    const { part } = this.source;
    if (!isDeepStrictEqual(entry.tools, this.currentTools()) || !isDeepStrictEqual(entry.project, this.project)) return undefined;
    if (!entry.files.every(unchanged)) return undefined;
    if (!Object.entries(entry.env).every(([name, value]) => (process.env[name] ?? null) === value)) return undefined;
    if (!entry.globs.every((g) => isDeepStrictEqual(part.expandGlobs(g.patterns, g.baseDir), g.files))) return undefined;
    return { facts: entry.facts, side: entry.side };
  }

  /** The project files and glob folders the last stored load read (for `check --watch`); empty when there is no entry. */
  lastInputs(): { readonly files: readonly string[]; readonly globDirs: readonly string[] } {
    const entry = this.readEntry();
    if (!entry) return { files: [], globDirs: [] };
    return { files: entry.files.map((f) => f.path), globDirs: entry.globs.flatMap((g) => [...new Set([...g.files.map((f) => dirname(f)), g.baseDir])]) };
  }

  /** Stores what a full load built; skipped when some of it would not survive JSON (a Buffer in `ssl`). */
  write(inputs: RecordedInputs, globs: readonly GlobMatch[], facts: DatabaseFacts, side: EntitySide): void {
    if (!this.source) return;
    const files: StoredFile[] = [];
    // The caches' own files (a RETORT_CACHE_DIR outside node_modules) are not the project's.
    const cacheFolder = dirname(this.file) + sep;
    const trustedBefore = Date.now() - RACY_MS;
    for (const path of inputs.files.filter((p) => !p.startsWith(cacheFolder))) {
      const before = statOf(path);
      const sha1 = sha1Of(path);
      if (sha1 === null || before === null) return;
      // Stat before and after hashing agree, and the file is not freshly written: its size and mtime stand for its content.
      const after = statOf(path);
      const steady = after !== null && after.size === before.size && after.mtimeMs === before.mtimeMs && before.mtimeMs < trustedBefore;
      files.push(steady ? { path, sha1, stat: before } : { path, sha1 });
    }
    if (!isPlainJson(side)) return;
    const entry: Entry = { format: FORMAT, tools: this.currentTools(), project: this.project, files, env: inputs.env, globs, facts, side };
    const text = JSON.stringify(entry);
    try {
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${sha256(text)}\n${text}`, { mode: 0o600 });
      renameSync(temporary, this.file);
    } catch {
      // caching is best effort
    }
  }

  /** retort's version, the source's tools and the config file's content. */
  private currentTools(): Tools {
    return { retort: VERSION, source: this.source?.part.fingerprint(this.source.project) ?? null, config: sha1Of(this.project.configFile) };
  }

  private readEntry(): Entry | undefined {
    let raw: Buffer;
    try {
      raw = readFileSync(this.file);
    } catch {
      return undefined;
    }
    // The checksum is over the bytes: no second UTF-8 encoding of a text of megabytes.
    const body = raw.subarray(65);
    if (raw[64] !== 0x0a || raw.toString("latin1", 0, 64) !== createHash("sha256").update(body).digest("hex")) return undefined;
    try {
      return JSON.parse(body.toString("utf8")) as Entry;
    } catch {
      return undefined;
    }
  }
}

/** Does `value` come back from JSON as it is (no `undefined`, function, Buffer, Date, NaN…)? One walk, linear in its size. */
function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isPlainJson);
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) if (!isPlainJson((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

/** What the model was built with besides the project's files. */
interface Tools {
  readonly retort: string;
  /** The model source's tools (versions, builds), as its cache part says. */
  readonly source: unknown;
  readonly config: string | null;
}

/** Unchanged since the entry: same size and mtime when those were trusted, else the same content. */
function unchanged(file: StoredFile): boolean {
  if (file.stat) {
    const now = statOf(file.path);
    if (now !== null && now.size === file.stat.size && now.mtimeMs === file.stat.mtimeMs) return true;
  }
  return sha1Of(file.path) === file.sha1;
}

function statOf(file: string): { size: number; mtimeMs: number } | null {
  try {
    const { size, mtimeMs } = statSync(file);
    return { size, mtimeMs };
  } catch {
    return null;
  }
}

function sha1Of(file: string): string | null {
  try {
    return createHash("sha1").update(readFileSync(file)).digest("hex");
  } catch {
    return null;
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
