import type { BuiltModel, DatabaseFacts, GlobMatch, ModelCachePart, SourceProject } from "@retort/core";
import { cacheDir } from "@retort/loader";
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, statSync, writeSync } from "node:fs";
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
 *
 * The entry keeps those inputs in a header of their own, read and compared before the
 * model (megabytes at thousands of entities) is read at all: a miss never parses a
 * stale model (docs/performance.md, "Known gaps").
 */
export interface EntitySide extends BuiltModel {
  /** What the source keeps with the model (`cacheState().detail`: where a DataSource's entities are declared). */
  readonly sourceDetail?: unknown;
}

/**
 * A stored entry whose inputs all match: the database facts and the source's state (its
 * connection side) at once; the entity side, checked and parsed, when asked for
 * (`undefined` if that part is damaged), so that the caller can read the database meanwhile.
 */
export interface CacheHit {
  readonly facts: DatabaseFacts;
  readonly sourceState: unknown;
  side(): EntitySide | undefined;
}

export type { DatabaseFacts, GlobMatch };

/** What identifies the project and its tools, known before anything of the user's loads. */
export interface ProjectKey {
  readonly configFile: string;
  readonly explicitUrl: string | null;
}

/** What the model was built from: read and compared first, the model only on a match. */
interface Header {
  readonly format: typeof FORMAT;
  readonly tools: Tools;
  readonly project: ProjectKey & { readonly cwd: string };
  readonly files: readonly StoredFile[];
  readonly env: Readonly<Record<string, string | null>>;
  readonly globs: readonly GlobMatch[];
  readonly facts: DatabaseFacts;
  /** The source's `cacheState().state`: enough to connect. */
  readonly sourceState: unknown;
}

/** A project file as the entry saw it; `stat` is left out when the file was too recently written to trust its mtime. */
interface StoredFile {
  readonly path: string;
  readonly sha1: string;
  readonly stat?: { readonly size: number; readonly mtimeMs: number };
}

/**
 * Bumped when the cached entity model gains facts or the entry's layout changes
 * (4: exclusion constraints, docs/schema-objects.md; 5: the inputs in a header of their own;
 * 6: the source's state says where entities are declared; 7: the source's state in the
 * header, where it is declared in the body).
 */
const FORMAT = 7;

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

  /** The stored entry if nothing it was built from changed (the database facts are checked by the caller). */
  read(): CacheHit | undefined {
    if (!this.source) return undefined;
    const { part } = this.source;
    return withEntry(this.file, (entry) => {
      const header = entry.header();
      if (!header || header.format !== FORMAT) return undefined;
      if (!isDeepStrictEqual(header.tools, this.currentTools()) || !isDeepStrictEqual(header.project, this.project)) return undefined;
      if (!header.files.every(unchanged)) return undefined;
      if (!Object.entries(header.env).every(([name, value]) => (process.env[name] ?? null) === value)) return undefined;
      if (!header.globs.every((g) => isDeepStrictEqual(part.expandGlobs(g.patterns, g.baseDir), g.files))) return undefined;
      // The body's bytes now (the file may be replaced later); checked and parsed only when asked for.
      const body = entry.bodyBytes();
      return { facts: header.facts, sourceState: header.sourceState, side: body };
    });
  }

  /** The project files and glob folders the last stored load read (for `check --watch`); empty when there is no entry. */
  lastInputs(): { readonly files: readonly string[]; readonly globDirs: readonly string[] } {
    const header = withEntry(this.file, (entry) => entry.header());
    if (!header) return { files: [], globDirs: [] };
    return { files: header.files.map((f) => f.path), globDirs: header.globs.flatMap((g) => [...new Set([...g.files.map((f) => dirname(f)), g.baseDir])]) };
  }

  /** Stores what a full load built; skipped when some of it would not survive JSON (a Buffer in `ssl`). */
  write(inputs: RecordedInputs, globs: readonly GlobMatch[], facts: DatabaseFacts, side: EntitySide, sourceState: unknown): void {
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
    if (!isPlainJson(side) || !isPlainJson(sourceState)) return;
    const header: Header = { format: FORMAT, tools: this.currentTools(), project: this.project, files, env: inputs.env, globs, facts, sourceState };
    writeEntry(this.file, Buffer.from(JSON.stringify(header)), side);
  }

  /** retort's version, the source's tools and the config file's content. */
  private currentTools(): Tools {
    return { retort: VERSION, source: this.source?.part.fingerprint(this.source.project) ?? null, config: sha1Of(this.project.configFile) };
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

/*
 * The entry's layout: one line `<sha256 of header> <sha256 of body> <header bytes>\n`, then
 * the header's JSON, then the body's (the entity side). Each part is checksummed over its
 * bytes, so the header is trusted without reading the body, and a damaged part is a miss.
 */
const PREFIX_BYTES = 64 + 1 + 64 + 1 + 12 + 1;

/** An open entry: its header, then (on a hit) its body's bytes, each read only when asked for; the body is checked and parsed by the function returned. */
interface OpenEntry {
  header(): Header | undefined;
  bodyBytes(): () => EntitySide | undefined;
}

/** Runs `use` on the entry at `file`, or returns `undefined` when there is none; one open file, so a rename meanwhile cannot mix two entries. */
function withEntry<T>(file: string, use: (entry: OpenEntry) => T | undefined): T | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    let layout: { headerSum: string; bodySum: string; headerStart: number; bodyStart: number } | undefined;
    try {
      const prefix = readAt(fd, 0, PREFIX_BYTES);
      const newline = prefix.indexOf(0x0a);
      const match = newline < 0 ? null : /^([0-9a-f]{64}) ([0-9a-f]{64}) (\d{1,12})$/.exec(prefix.toString("latin1", 0, newline));
      if (match) layout = { headerSum: match[1]!, bodySum: match[2]!, headerStart: newline + 1, bodyStart: newline + 1 + Number(match[3]) };
    } catch {
      return undefined;
    }
    if (!layout) return undefined;
    const { headerSum, bodySum, headerStart, bodyStart } = layout;
    return use({
      header: () => parseChecked<Header>(() => readAt(fd, headerStart, bodyStart - headerStart), headerSum),
      bodyBytes: () => {
        try {
          const bytes = readAt(fd, bodyStart, fstatSync(fd).size - bodyStart);
          return () => parseChecked<EntitySide>(() => bytes, bodySum);
        } catch {
          return () => undefined;
        }
      },
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the entry through a temporary file and a rename. The body is written in pieces
 * (one table's JSON at a time), hashed as it goes: the model's JSON, 32 MB at 10,000
 * entities, is never whole in memory. Its checksum then goes into the first line, written
 * last (the line has a fixed length).
 */
function writeEntry(file: string, header: Buffer, side: EntitySide): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, "w", 0o600);
    try {
      writeAll(fd, Buffer.alloc(PREFIX_BYTES, 0x20), 0);
      writeAll(fd, header, PREFIX_BYTES);
      let position = PREFIX_BYTES + header.length;
      const bodyHash = createHash("sha256");
      let pending = "";
      const flush = () => {
        const bytes = Buffer.from(pending);
        bodyHash.update(bytes);
        writeAll(fd, bytes, position);
        position += bytes.length;
        pending = "";
      };
      // Pieces gathered to about 64 KB a write: one system call per table would be 10,000.
      writeJsonPieces(side, 3, (piece) => {
        pending += piece;
        if (pending.length >= 65536) flush();
      });
      flush();
      const prefix = `${sha256(header)} ${bodyHash.digest("hex")} ${String(header.length).padStart(12, "0")}\n`;
      writeAll(fd, Buffer.from(prefix, "latin1"), 0);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch {
    // caching is best effort
  }
}

/** `value`'s JSON (`JSON.stringify`'s, for plain JSON) in pieces: arrays and objects down to `depth` are opened, deeper values stringified whole. */
function writeJsonPieces(value: unknown, depth: number, emit: (piece: string) => void): void {
  if (depth === 0 || typeof value !== "object" || value === null) {
    emit(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    emit("[");
    value.forEach((item, i) => {
      if (i > 0) emit(",");
      writeJsonPieces(item, depth - 1, emit);
    });
    emit("]");
    return;
  }
  emit("{");
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    emit(`${first ? "" : ","}${JSON.stringify(key)}:`);
    first = false;
    writeJsonPieces(item, depth - 1, emit);
  }
  emit("}");
}

function writeAll(fd: number, bytes: Buffer, position: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/** `length` bytes from `position`; fewer when the file is shorter (a truncated entry then fails its checksum). */
function readAt(fd: number, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(Math.max(0, length));
  let done = 0;
  while (done < bytes.length) {
    const read = readSync(fd, bytes, done, bytes.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return bytes.subarray(0, done);
}

/** The JSON in the bytes `read` returns when they match their checksum; `undefined` when they do not, or cannot be read. */
function parseChecked<T>(read: () => Buffer, sum: string): T | undefined {
  try {
    const bytes = read();
    if (sha256(bytes) !== sum) return undefined;
    return JSON.parse(bytes.toString("utf8")) as T;
  } catch {
    return undefined;
  }
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
