import type { BookkeepingTable, BuiltModel, DialectName, IncludeName, ModelCachePart, OpenedModelSource, Operation, Queryable, SchemaModel, TruncatedName, UnmanagedObjects } from "@retort/core";
import { compareSchemas, describeOperations, type CompareOptions, type DiffEntry } from "@retort/compare";
import { connect, introspect, storedViewDefinitions } from "@retort/dialects";
import { isDeepStrictEqual } from "node:util";
import { EditedMigrationsError, type ChecksumWarning, type ScriptDirectory } from "@retort/runtime";
import { unclaimedBy } from "../project/bookkeeping-tables";
import { includeNameFor, includeObjectFor } from "../project/comparison-filters";
import { viewsCreatedByMigrations } from "../project/migration-views";
import type { ResolvedConfig } from "../config/load-config";
import { requireDatabaseAtHead } from "../project/at-head";
import { anchorSqliteUrl } from "../project/connection-url";
import { letStrayRejectionsSurface } from "../project/surface-rejections";
import { requireSameEngine } from "../project/dialect-mismatch";
import { databaseAddress, explicitUrl, loadProjectConfig, openModelSource, type DatabaseAddress, type ProjectOptions } from "../project/session";
import { modelSourceOf, sourceProject } from "../project/model-sources";
import { recordInputs } from "../project/model-cache/input-recorder";
import { ModelCache, type CacheHit, type DatabaseFacts, type EntitySide } from "../project/model-cache/model-cache";
import type { KeptDatabase } from "./kept-database";

export interface CheckResult {
  readonly upToDate: boolean;
  readonly dialect: DialectName;
  /** The docs/reference.md §3 entries. */
  readonly operations: readonly DiffEntry[];
  /** Applied migrations whose files were edited since they ran. */
  readonly editedMigrations: readonly ChecksumWarning[];
}

/** What a comparison produced, before it is described: autogen renders `ops`. */
export interface Comparison extends CheckResult {
  readonly ops: readonly Operation[];
  readonly target: SchemaModel;
  readonly actual: SchemaModel;
  readonly config: ResolvedConfig;
  readonly scripts: ScriptDirectory;
  /** The database's applied heads (what the new revision builds on). */
  readonly databaseHeads: readonly string[];
  readonly serverVersion: string | null;
  /** Entity names PostgreSQL stores cut to 63 bytes (the target model has them cut). */
  readonly truncatedNames: readonly TruncatedName[];
  /** What the comparison ran with (filters included), to compare other models the same way. */
  readonly compareOptions: CompareOptions;
  /** The database compared. */
  readonly address: DatabaseAddress;
  /** Other tools' bookkeeping tables in this database, as the model source names them (before entities claim any). */
  readonly otherTools: readonly BookkeepingTable[];
  /** Where the target's objects are declared, when the source (or the model cache's copy of it) can say without loading again. */
  readonly locator?: OpenedModelSource["locator"];
}

function compareOptions(
  config: ResolvedConfig,
  unmanaged: UnmanagedObjects,
  otherTools: readonly BookkeepingTable[],
  managedViews: ReadonlySet<string>,
): CompareOptions {
  return {
    managedViews,
    compareType: config.compareType as CompareOptions["compareType"],
    compareServerDefault: config.compareServerDefault as CompareOptions["compareServerDefault"],
    includeObject: includeObjectFor(config, unmanaged, managedViews),
    includeName: includeNameFor(config, otherTools),
    includeSchemas: config.includeSchemas,
    versionTable: config.versionTable,
  };
}

async function serverVersion(db: { query<R>(sql: string): Promise<R[]> }, dialect: DialectName): Promise<string | undefined> {
  if (dialect !== "mysql" && dialect !== "mariadb") return undefined;
  const rows = await db.query<{ v: string }>("SELECT VERSION() AS v");
  return rows[0]?.v;
}

/** What the database side of a comparison read (server work, overlapped with loading the entities). */
interface LiveDatabase {
  readonly address: DatabaseAddress;
  readonly db: Queryable;
  readonly scripts: ScriptDirectory;
  readonly databaseHeads: readonly string[];
  readonly editedMigrations: readonly ChecksumWarning[];
  readonly actual: SchemaModel;
  readonly version: string | undefined;
}

/**
 * Connects, refuses a database behind the migrations' head, and introspects it. The caller
 * closes `db`. `onCatalogSent`: see IntrospectOptions. `kept`: `check --watch`'s worker's
 * connection and last catalog, reused when the engine shows nothing changed.
 */
async function readLiveDatabase(address: DatabaseAddress, config: ResolvedConfig, command: string, onCatalogSent?: () => void, kept?: KeptDatabase): Promise<LiveDatabase> {
  const db = kept ? await kept.connect(address) : await connect(address.url, address.connect);
  try {
    // The catalog queries go out first: reading the migration files overlaps the server's work.
    // Every extension is read; only those the entities need, or includeObject names, are compared (compare/src/objects/extensions.ts).
    const read = () => introspect(db, { includeSchemas: config.includeSchemas, includeName: includeNameFor(config), extensions: "all", ...(onCatalogSent ? { onCatalogSent } : {}) });
    const reflected = settled(kept ? kept.catalog(db, address, read, onCatalogSent) : read());
    const { scripts, databaseHeads, warnings } = await requireDatabaseAtHead(db, config.migrations, config.versionTable, command);
    const introspected = await reflected;
    if (!introspected.ok) throw introspected.error;
    const actual = introspected.value;
    const version = await serverVersion(db, db.dialect);
    return { address, db, scripts, databaseHeads, editedMigrations: warnings, actual, version };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/**
 * `readLiveDatabase` started, and `serverBusy`: settled once the largest catalog queries
 * are on their way (or the read is over, for engines that do not say), when the caller
 * may compute on its side while the server works.
 */
function readLiveDatabaseAhead(
  address: DatabaseAddress,
  config: ResolvedConfig,
  command: string,
  kept?: KeptDatabase,
): { readonly live: Promise<Settled<LiveDatabase>>; readonly serverBusy: Promise<unknown> } {
  let catalogSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (catalogSent = resolve));
  const live = settled(readLiveDatabase(address, config, command, catalogSent, kept));
  return { live, serverBusy: Promise.race([sent, live]) };
}

/**
 * A Prisma multiSchema datasource (`schemas = [...]`) names the schemas its model lives in:
 * those are read and compared (the default one too), even before they exist, and no other.
 */
function withModelSchemas(config: ResolvedConfig, schemas: readonly string[]): ResolvedConfig {
  if (schemas.length === 0 || config.includeSchemas) return config;
  const listed = new Set(schemas);
  const user = config.includeName;
  const includeName: IncludeName = (name, type, parents) => (type !== "schema" || name === null || listed.has(name)) && (user ? user(name, type, parents) : true);
  return { ...config, includeSchemas: true, includeName };
}

/**
 * Compares the model source's target with the live database (refusing when the database
 * is behind the migrations' head). Shared by `check` and `autogen`.
 *
 * For a source with a model cache (TypeORM), the target comes from the cache when nothing
 * it was built from changed (`model-cache.ts`): then no entity file loads. The database is
 * always read fresh.
 */
export async function compareProject(options: ProjectOptions & { strict?: boolean }, command: string, keep?: KeepLoaded, kept?: KeptDatabase): Promise<Comparison> {
  const config = await loadProjectConfig(options);
  const kind = modelSourceOf(config);
  const url = explicitUrl(options, config);
  const project = sourceProject(config, { cwd: options.cwd, explicitUrl: url, onWarning: options.onWarning });
  const cache = kind.cache ? ModelCache.open({ configFile: config.file, explicitUrl: url ?? null }, { part: kind.cache, project }) : null;
  const cached = keep ? undefined : cache?.read();
  if (cached && kind.cache) {
    const comparison = await compareCached(options, config, command, cached, kind.cache, kind.cache.restore(cached.sourceState, project));
    if (comparison) return comparison;
  }
  return await compareLoaded(options, config, command, cache, kind.cache !== undefined, keep, kept);
}

/** `check --watch`'s worker wants the model source loaded (never the cached model), to keep it. */
export type KeepLoaded = (source: OpenedModelSource) => void;

type ConnectionSide = Pick<OpenedModelSource, "declaredEngine" | "connection" | "bookkeepingTables"> & Partial<Pick<OpenedModelSource, "locator">>;

/**
 * The comparison with the cached model; `undefined` when the database's facts are not
 * those the model was built for, or the stored model is damaged. The model is read while
 * the server answers the catalog queries.
 */
async function compareCached(
  options: ProjectOptions & { strict?: boolean },
  config: ResolvedConfig,
  command: string,
  cached: CacheHit,
  part: Pick<ModelCachePart, "locator">,
  source: ConnectionSide,
): Promise<Comparison | undefined> {
  const early = explicitUrl(options, config);
  if (early !== undefined) requireSameEngine(source.declaredEngine, early, options.allowDialectMismatch === true);
  const { live, serverBusy } = readLiveDatabaseAhead(databaseAddress(options, config, source), config, command);
  await serverBusy;
  const side = cached.side();
  const read = await live;
  if (!read.ok) throw read.error;
  const database = read.value;
  try {
    if (!side || !isDeepStrictEqual(factsOf(database), cached.facts)) return undefined;
    const located = part.locator?.(side.sourceDetail);
    return await finishComparison(options, config, database, side, located ? { ...source, locator: located } : source);
  } finally {
    await database.db.close().catch(() => undefined);
  }
}

/**
 * Opens the model source, builds its target and compares it, storing it in the cache
 * when the source has one.
 *
 * A source worth caching is slow to load (TypeORM's DataSource module and entity files),
 * so the database is read meanwhile: the connection starts as soon as its URL is known
 * (before the DataSource module loads when the URL is given otherwise), and the entity
 * files load in turns so that the catalog queries go on meanwhile. Errors keep their
 * order: the source's module's, then the database's, then the entities'.
 */
async function compareLoaded(
  options: ProjectOptions & { strict?: boolean },
  config: ResolvedConfig,
  command: string,
  cache: ModelCache | null,
  overlap: boolean,
  keep?: KeepLoaded,
  kept?: KeptDatabase,
): Promise<Comparison> {
  const early = explicitUrl(options, config);
  const earlyAddress = early === undefined ? undefined : { url: anchorSqliteUrl(early, config.projectDir), connect: { projectDir: config.projectDir } };
  let live = !earlyAddress || !overlap ? undefined : settled(readLiveDatabase(earlyAddress, config, command, undefined, kept));
  const body = async () => {
    let source: OpenedModelSource;
    try {
      source = await openModelSource(options, config);
      if (early !== undefined) requireSameEngine(source.declaredEngine, early, options.allowDialectMismatch === true);
    } catch (e) {
      void live?.then((r) => (r.ok ? r.value.db.close().catch(() => undefined) : undefined));
      throw e;
    }
    // Only a source without a cache can name schemas, so an early read never misses them.
    const readConfig = withModelSchemas(config, source.modelSchemas ?? []);
    live ??= settled(readLiveDatabase(databaseAddress(options, readConfig, source), readConfig, command, undefined, kept));
    const loading = await settled(source.load());
    await letStrayRejectionsSurface();
    const database = await live;
    if (!database.ok) throw database.error;
    const { db } = database.value;
    try {
      if ((options.strict ?? config.strictChecksums) && database.value.editedMigrations.length > 0) throw new EditedMigrationsError(database.value.editedMigrations);
      if (!loading.ok) throw loading.error;
      const built = await source.buildModel(factsOf(database.value));
      const kept = source.cacheState?.();
      const side: EntitySide = { ...built, ...(kept?.detail === undefined ? {} : { sourceDetail: kept.detail }) };
      return { database: database.value, side, state: kept?.state, globs: kept?.globs ?? [], source, readConfig };
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
  };
  const { value: loaded, inputs } = cache ? await recordInputs(body) : { value: await body(), inputs: undefined };
  const { database, side, state, globs, source, readConfig } = loaded;
  try {
    const comparison = await finishComparison(options, readConfig, database, side, source);
    if (inputs) cache?.write(inputs, globs, factsOf(database), side, state);
    keep?.(source);
    return comparison;
  } finally {
    await database.db.close().catch(() => undefined);
  }
}

function factsOf(database: LiveDatabase): DatabaseFacts {
  return { dialect: database.actual.dialect, defaultSchema: database.actual.defaultSchema, serverVersion: database.version ?? null };
}

/** Compares the entity side with the database read (the caller closes the connection). */
async function finishComparison(
  options: ProjectOptions & { strict?: boolean },
  config: ResolvedConfig,
  database: LiveDatabase,
  side: BuiltModel,
  source: Pick<ConnectionSide, "bookkeepingTables" | "locator">,
): Promise<Comparison> {
  const strict = options.strict ?? config.strictChecksums;
  const { address, db, scripts, databaseHeads, editedMigrations, actual, version } = database;
  if (strict && editedMigrations.length > 0) throw new EditedMigrationsError(editedMigrations);
  const { target, truncatedNames, unmanaged } = side;
  const otherTools = source.bookkeepingTables(factsOf(database));
  const settings: CompareOptions = {
    ...compareOptions(config, unmanaged, unclaimedBy(target, otherTools), viewsCreatedByMigrations(scripts)),
    // The engine spells each entity view as it would store it, to compare with the stored one.
    storedViewDefinitions: await storedViewDefinitions(db, target.views, actual.views),
  };
  const ops = compareSchemas(target, actual, settings);
  return {
    upToDate: ops.length === 0,
    dialect: actual.dialect,
    operations: describeOperations(ops),
    editedMigrations,
    ops,
    target,
    actual,
    config,
    scripts,
    databaseHeads,
    serverVersion: version ?? null,
    truncatedNames,
    compareOptions: settings,
    address,
    otherTools,
    ...(source.locator ? { locator: source.locator } : {}),
  };
}

/**
 * `check --watch`'s comparison without a fresh process (docs/performance.md, "check
 * --watch"): the source re-reads `changed` in place while the database is read afresh.
 * Anything unexpected, an error included, is a `fallback`: the caller then checks in a
 * fresh process, which reports errors as `check` does.
 */
export async function compareReloaded(
  options: ProjectOptions & { strict?: boolean },
  source: OpenedModelSource,
  changed: readonly string[],
  lastFacts?: DatabaseFacts,
  kept?: KeptDatabase,
): Promise<{ readonly comparison: Comparison; readonly source: OpenedModelSource; readonly buildNote?: string } | { readonly fallback: string }> {
  if (!source.reloadInPlace) return { fallback: "the model source cannot re-read files in place" };
  const config = await loadProjectConfig(options);
  const readConfig = withModelSchemas(config, source.modelSchemas ?? []);
  const { live, serverBusy } = readLiveDatabaseAhead(databaseAddress(options, readConfig, source), readConfig, "check", kept);
  // Re-reading runs without a pause: the database's first queries go out before it does.
  await new Promise((resolve) => setImmediate(resolve));
  const reloaded = await settled(source.reloadInPlace(changed));
  try {
    if (!reloaded.ok) return { fallback: `re-reading failed: ${(reloaded.error as Error)?.message}` };
    if ("fallback" in reloaded.value) return reloaded.value;
    const next = reloaded.value.source;
    await next.load();
    // The model is built while the server answers the catalog queries, for the facts of the
    // last check; built again in the rare case the database's facts changed since.
    await serverBusy;
    const early = lastFacts ? await settled(next.buildModel(lastFacts)) : undefined;
    let database = await live;
    if (!database.ok && kept?.reusedConnection) {
      // The kept connection may have been closed by the server since the last check: once more on a new one.
      await kept.forget();
      database = await settled(readLiveDatabase(databaseAddress(options, readConfig, source), readConfig, "check", undefined, kept));
    }
    if (!database.ok) {
      await kept?.forget();
      return { fallback: `reading the database failed: ${(database.error as Error)?.message}` };
    }
    const facts = factsOf(database.value);
    const built = early?.ok && isDeepStrictEqual(facts, lastFacts) ? early.value : await next.buildModel(facts);
    const comparison = await finishComparison(options, readConfig, database.value, built, next);
    return { comparison, source: next, ...(built.buildNote ? { buildNote: built.buildNote } : {}) };
  } catch (e) {
    return { fallback: `checking in place failed: ${(e as Error)?.message}` };
  } finally {
    void live.then((database) => (database.ok ? database.value.db.close().catch(() => undefined) : undefined));
  }
}

/** The database facts a comparison's model was built for (`compareReloaded`'s `lastFacts`). */
export function comparedFacts(comparison: Comparison): DatabaseFacts {
  return { dialect: comparison.actual.dialect, defaultSchema: comparison.actual.defaultSchema, serverVersion: comparison.serverVersion };
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** A promise that never rejects (no unhandled rejection while it waits), to be looked at later. */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** `retort check`: are the entities and the database in sync? `strict`: edited applied migrations are an error. */
export async function check(options: ProjectOptions & { strict?: boolean } = {}): Promise<CheckResult> {
  return checkResultOf(await compareProject(options, "check"));
}

/** `check`, and where its differences are declared when that is known without loading the source again (the command's file:line). */
export async function checkWithLocator(options: ProjectOptions & { strict?: boolean } = {}): Promise<{ readonly result: CheckResult; readonly locator?: OpenedModelSource["locator"] }> {
  const comparison = await compareProject(options, "check");
  return { result: checkResultOf(comparison), ...(comparison.locator ? { locator: comparison.locator } : {}) };
}

export function checkResultOf({ upToDate, dialect, operations, editedMigrations }: CheckResult): CheckResult {
  return { upToDate, dialect, operations, editedMigrations };
}
