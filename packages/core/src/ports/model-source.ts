import type { DialectName, SchemaModel } from "../model/schema-model";
import { RetortError } from "../errors/retort-error";

/**
 * The port through which the CLI reads a project's model source (TypeORM entities, a
 * Prisma schema): a package exports a `ModelSourceKind` as `modelSourceKind`, and the
 * CLI's registry names the package and the config keys that select it
 * (docs/architecture.md, "Adding a model source"). Nothing else in the CLI knows a source.
 */
export interface ModelSourceKind {
  /** For messages: "TypeORM", "Prisma". */
  readonly name: string;
  /** A URL given by flag, env or config, in retort's spelling (Prisma's `file:./dev.db` is relative to the schema). */
  explicitUrl?(url: string, project: SourceProject): string;
  /** Folders whose changes can change the model (`check --watch`), besides the modules the last load read. */
  watchFolders(project: SourceProject): string[];
  /** Names of the source's own files that are not code (`.prisma`), watched besides code, JSON and `.env`. */
  readonly watchedFileNames?: RegExp;
  /** Reads the source as far as saying where its database is; may load user code (a DataSource module). */
  open(project: SourceProject): Promise<OpenedModelSource>;
  /** Present when building the model is worth caching between runs (docs/architecture.md, model cache). */
  readonly cache?: ModelCachePart;
  /** `retort init`: the source found in a project folder, if any. */
  discover?(projectDir: string, context: DiscoverContext): Promise<DiscoveredSource | undefined>;
}

/** The project as a source sees it. */
export interface SourceProject {
  readonly configFile: string;
  /** The config's folder: relative paths and SQLite files are anchored there. */
  readonly projectDir: string;
  /** The folder relative paths in messages are written from. */
  readonly cwd: string;
  /** The resolved config (paths made absolute): each source reads its own keys. */
  readonly config: Readonly<Record<string, unknown>>;
  /** The URL given by flag, env or config (already through `explicitUrl`), if any. */
  readonly explicitUrl: string | undefined;
  /** Warnings about the project that are not errors (a DataSource with `synchronize: true`). */
  readonly onWarning?: (message: string) => void;
}

/** A source read far enough to say where its database is, not yet its model. */
export interface OpenedModelSource {
  /** The engine the source is written for, when it says (the `--sql` dialect without a URL). */
  readonly dialect: DialectName | null;
  /** The engine family the model is declared for, to refuse comparing with another engine's database. */
  readonly declaredEngine: DeclaredEngine | null;
  /** Where the source says the database is. Throws `NoConnectionUrlError` when it says nothing usable. */
  connection(): SourceConnection;
  /**
   * Schemas besides the default one that the model lives in (a Prisma multiSchema
   * datasource): exactly those and the default are read and compared, even before they exist.
   */
  readonly modelSchemas?: readonly string[];
  /** Other tools' bookkeeping tables for a database of this dialect and default schema: never compared. */
  bookkeepingTables(database: DatabaseFacts): BookkeepingTable[];
  /** Starts loading what the model is built from; its errors come after the database's (settle, then `buildModel`). */
  load(): Promise<void>;
  /** The target model for the database read. */
  buildModel(database: DatabaseFacts): Promise<BuiltModel>;
  /** `file:line` of each object, for `check`'s output. */
  locator(): Promise<LocateObject>;
  /**
   * What the model cache keeps of this source (plain JSON), and the globs it expanded:
   * `state`, small, to `restore` the source's connection side without loading it (read
   * before the model, so that the database is read meanwhile); `detail`, kept with the
   * model, for the cache part's `locator`.
   */
  cacheState?(): { readonly state: unknown; readonly detail?: unknown; readonly globs: readonly GlobMatch[] };
  /**
   * `check --watch` (docs/performance.md, "check --watch"): after `load`, re-reads the
   * changed files (absolute paths) in this process and returns the source as it now is,
   * already loaded; or why that is not provably the same as a fresh load, and then this
   * process must be dropped.
   */
  reloadInPlace?(changedFiles: readonly string[]): Promise<InPlaceReload>;
}

export type InPlaceReload = { readonly source: OpenedModelSource } | { readonly fallback: string };

export interface DeclaredEngine {
  readonly family: "postgres" | "mysql" | "sqlite";
  /** What said so, for the message: `the DataSource's type is "postgres"`. */
  readonly declaredBy: string;
}

/** Where to connect: a URL, and what the driver gets beyond it. */
export interface SourceConnection {
  readonly url: string;
  /** true, or the driver's TLS options (a URL cannot say them). */
  readonly ssl?: unknown;
}

/** What the model depends on in the database it is compared with. */
export interface DatabaseFacts {
  readonly dialect: DialectName;
  readonly defaultSchema: string;
  readonly serverVersion: string | null;
}

export interface BuiltModel {
  readonly target: SchemaModel;
  /** Names PostgreSQL stores cut to 63 bytes (the target has them cut). */
  readonly truncatedNames: readonly TruncatedName[];
  /** Objects the source names but never manages: the comparison leaves them alone. */
  readonly unmanaged: UnmanagedObjects;
  /** How much was built, when the source built only part again (`check --watch -v` says it). */
  readonly buildNote?: string;
}

export interface TruncatedName {
  readonly kind: string;
  readonly name: string;
  readonly truncated: string;
}

export interface UnmanagedName {
  /** `null` in the default schema. */
  readonly schema: string | null;
  readonly name: string;
}

export interface UnmanagedObjects {
  readonly tables: readonly UnmanagedName[];
  readonly views: readonly UnmanagedName[];
  readonly indexes: readonly (UnmanagedName & { readonly table: string })[];
}

/** A table a tool keeps for its own bookkeeping. */
export interface BookkeepingTable {
  /** `null` in the default schema. */
  readonly schema: string | null;
  /** Matched in every schema. */
  readonly inAnySchema?: boolean;
  readonly name: string;
  /** "retort", "TypeORM migrations", "Prisma migrations"… */
  readonly owner: string;
}

/** Is the table `schema.name` (schema `null`: the default) one of `tables`? */
export function isBookkeeping(tables: readonly BookkeepingTable[], schema: string | null, name: string): boolean {
  return tables.some((t) => t.name === name && (t.inAnySchema || t.schema === schema));
}

/** An object a difference is about. */
export interface LocatedObject {
  readonly schema: string | null;
  readonly table: string | null;
  readonly column: string | null;
  /** An index's, constraint's or foreign key's columns. */
  readonly columns: readonly string[];
}

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

export type LocateObject = (object: LocatedObject) => SourceLocation | undefined;

/** Globs and the files they matched: a new model file is a change too. */
export interface GlobMatch {
  readonly patterns: readonly string[];
  readonly baseDir: string;
  readonly files: readonly string[];
}

export interface ModelCachePart {
  /** The tools the model is built with (versions, builds): another value is a miss. Read without loading user code. */
  fingerprint(project: SourceProject): unknown;
  /** Expands a stored glob again. */
  expandGlobs(patterns: readonly string[], baseDir: string): string[];
  /** The source's connection side from its `cacheState().state`, without loading anything. */
  restore(state: unknown, project: SourceProject): Omit<OpenedModelSource, "load" | "buildModel" | "locator" | "cacheState">;
  /**
   * Where the model's objects are declared, from `cacheState().detail`, when it says
   * (`check` then points at file and line without loading the source).
   */
  locator?(detail: unknown): OpenedModelSource["locator"] | undefined;
}

/** What `retort init` tells a source looking at a project. */
export interface DiscoverContext {
  /** `--url`, if given. */
  readonly url: string | undefined;
  /** retort's own tables (not the project's). */
  readonly retortTables: readonly BookkeepingTable[];
  /** A relative `sqlite:` path anchored at the project folder. */
  anchorUrl(url: string): string;
}

/** What `retort init` writes and says for a source it found. */
export interface DiscoveredSource {
  /** The config entry (with its comment), indented by two spaces. */
  readonly configEntry: string;
  /** Fields of init's result (`--json`, the API), e.g. `{ prisma: "./prisma/schema.prisma" }`. */
  readonly result: Readonly<Record<string, unknown>>;
  /** What init prints. */
  readonly lines: readonly string[];
  /** Printed as details (`-v`). */
  readonly details: readonly string[];
}

/** No database is named anywhere retort looks (docs/reference.md §1). */
export class NoConnectionUrlError extends RetortError {
  constructor(detail: string) {
    super(
      "no_connection",
      `${detail} Give a URL with --url, the DATABASE_URL environment variable, or "url" in retort.config.ts (e.g. postgres://user:password@localhost:5432/app, mysql://…, sqlite:./app.db).`,
    );
  }
}
