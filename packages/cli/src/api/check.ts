import type { DialectName, Operation, Queryable, SchemaModel } from "@retort/core";
import { compareSchemas, describeOperations, type CompareOptions, type DiffEntry } from "@retort/compare";
import { connect, introspect, storedViewDefinitions } from "@retort/dialects";
import { buildTargetModel, expandGlobs, loadEntities, unmanagedObjects, type TruncatedName, type TypeormDataSource, type UnmanagedObjects } from "@retort/typeorm";
import { resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { EditedMigrationsError, type ChecksumWarning, type ScriptDirectory } from "@retort/runtime";
import { otherToolsTablesFor, unclaimedBy, type BookkeepingTable } from "../project/bookkeeping-tables";
import { includeNameFor, includeObjectFor } from "../project/comparison-filters";
import { viewsCreatedByMigrations } from "../project/migration-views";
import type { ResolvedConfig } from "../config/load-config";
import { requireDatabaseAtHead } from "../project/at-head";
import { anchorSqliteUrl } from "../project/connection-url";
import { letStrayRejectionsSurface } from "../project/surface-rejections";
import { requireSameEngine } from "../project/dialect-mismatch";
import { databaseAddress, explicitUrl, loadDataSourceFor, loadProjectConfig, warnIfSynchronizing, type DatabaseAddress, type ProjectOptions } from "../project/session";
import { prismaConnectionOptions, prismaSchemaOf } from "../project/prisma-source";
import { recordInputs } from "../project/model-cache/input-recorder";
import { ModelCache, type DatabaseFacts, type EntitySide, type GlobMatch } from "../project/model-cache/model-cache";

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
  /** The database compared, and the DataSource's options (other tools' tables are named there). */
  readonly address: DatabaseAddress;
  readonly dataSourceOptions: TypeormDataSource["options"];
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

/** Connects, refuses a database behind the migrations' head, and introspects it. The caller closes `db`. */
async function readLiveDatabase(address: DatabaseAddress, config: ResolvedConfig, command: string): Promise<LiveDatabase> {
  const db = await connect(address.url, address.connect);
  try {
    const { scripts, databaseHeads, warnings } = await requireDatabaseAtHead(db, config.migrations, config.versionTable, command);
    // Every extension is read; only those the entities need, or includeObject names, are compared (compare/src/objects/extensions.ts).
    const actual = await introspect(db, { includeSchemas: config.includeSchemas, includeName: includeNameFor(config), extensions: "all" });
    const version = await serverVersion(db, db.dialect);
    return { address, db, scripts, databaseHeads, editedMigrations: warnings, actual, version };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Compares the entities with the live database (refusing when the database is behind
 * the migrations' head). Shared by `check` and `autogen`.
 *
 * The entity side comes from the model cache when nothing it was built from changed
 * (`model-cache.ts`): then no entity file loads. The database is always read fresh.
 */
export async function compareProject(options: ProjectOptions & { strict?: boolean }, command: string): Promise<Comparison> {
  const config = await loadProjectConfig(options);
  if (config.prisma) return await comparePrisma(options, config, command);
  const cache = ModelCache.open({ configFile: config.file, explicitUrl: explicitUrl(options, config) ?? null });
  const cached = cache?.read();
  if (cached) {
    const comparison = await compareCached(options, config, command, cached);
    if (comparison) return comparison;
  }
  return await compareLoaded(options, config, command, cache);
}

/** The comparison with the cached entity side; `undefined` when the database's facts are not those the model was built for. */
async function compareCached(options: ProjectOptions & { strict?: boolean }, config: ResolvedConfig, command: string, cached: { facts: DatabaseFacts; side: EntitySide }): Promise<Comparison | undefined> {
  const { side } = cached;
  warnIfSynchronizing(options, config, side.dataSourceOptions);
  const early = explicitUrl(options, config);
  if (early !== undefined && config.dataSource) {
    requireSameEngine((side.dataSourceOptions as { type?: string }).type, early, options.allowDialectMismatch === true);
  }
  const database = await readLiveDatabase(databaseAddress(options, config, { options: side.dataSourceOptions } as TypeormDataSource), config, command);
  try {
    if (!isDeepStrictEqual(factsOf(database), cached.facts)) return undefined;
    return await finishComparison(options, config, database, side);
  } finally {
    await database.db.close().catch(() => undefined);
  }
}

const NOTHING_UNMANAGED: UnmanagedObjects = { tables: [], views: [], indexes: [] };

/**
 * Compares a Prisma schema with the database (docs/reference.md §1, `prisma`). Parsing the
 * schema takes milliseconds, so it has no model cache; `_prisma_migrations` is Prisma's
 * bookkeeping table and is never compared (`bookkeeping-tables.ts`).
 */
async function comparePrisma(options: ProjectOptions & { strict?: boolean }, config: ResolvedConfig, command: string): Promise<Comparison> {
  const schema = prismaSchemaOf(config);
  const sourceOptions = prismaConnectionOptions(config);
  const early = explicitUrl(options, config);
  if (early !== undefined) requireSameEngine(sourceOptions.type, early, options.allowDialectMismatch === true);
  const database = await readLiveDatabase(databaseAddress(options, config, { options: sourceOptions }), config, command);
  try {
    // `provider = "mysql"` is built for the engine connected to (MySQL or MariaDB); Prisma's
    // tables live in the schema the connection uses (PostgreSQL's search_path, MySQL's database).
    const { dialect } = database.actual;
    const model = schema.dialect === "mysql" && (dialect === "mysql" || dialect === "mariadb") ? schema.modelFor(dialect) : schema.model;
    const target: SchemaModel = { ...model, defaultSchema: database.actual.defaultSchema };
    const side: EntitySide = { target, truncatedNames: [], unmanaged: NOTHING_UNMANAGED, dataSourceOptions: sourceOptions as TypeormDataSource["options"] };
    return await finishComparison(options, config, database, side);
  } finally {
    await database.db.close().catch(() => undefined);
  }
}

/**
 * Loads the entities and compares them, storing the entity side in the cache.
 *
 * The database is read while the entities load: the connection starts as soon as its
 * URL is known (before the DataSource module loads when the URL is given otherwise),
 * and the entity files load in turns so that the catalog queries go on meanwhile.
 * Errors keep their order: the DataSource module's, then the database's, then the entities'.
 */
async function compareLoaded(options: ProjectOptions & { strict?: boolean }, config: ResolvedConfig, command: string, cache: ModelCache | null): Promise<Comparison> {
  const early = explicitUrl(options, config);
  let live = early === undefined ? undefined : settled(readLiveDatabase({ url: anchorSqliteUrl(early, config.projectDir), connect: { projectDir: config.projectDir } }, config, command));
  const { value: loaded, inputs } = await recordInputs(async () => {
    let dataSource: TypeormDataSource;
    try {
      dataSource = await loadDataSourceFor(options, config);
      // An `entities` config builds its DataSource from the URL: only a user's DataSource can disagree with it.
      if (early !== undefined && config.dataSource) {
        requireSameEngine((dataSource.options as { type?: string }).type, early, options.allowDialectMismatch === true);
      }
    } catch (e) {
      void live?.then((r) => (r.ok ? r.value.db.close().catch(() => undefined) : undefined));
      throw e;
    }
    live ??= settled(readLiveDatabase(databaseAddress(options, config, dataSource), config, command));
    const entities = await settled(loadEntities(dataSource));
    await letStrayRejectionsSurface();
    const database = await live;
    if (!database.ok) throw database.error;
    const { db, actual, version } = database.value;
    try {
      if ((options.strict ?? config.strictChecksums) && database.value.editedMigrations.length > 0) throw new EditedMigrationsError(database.value.editedMigrations);
      if (!entities.ok) throw entities.error;
      const truncatedNames: TruncatedName[] = [];
      const modelOptions = { defaultSchema: actual.defaultSchema, dialect: actual.dialect, serverVersion: version, source: config.dataSource };
      const target = await buildTargetModel(dataSource, { ...modelOptions, onTruncatedName: (n) => truncatedNames.push(n) });
      const unmanaged = await unmanagedObjects(dataSource, modelOptions);
      const side: EntitySide = { target, truncatedNames, unmanaged, dataSourceOptions: dataSource.options };
      return { database: database.value, side, globs: entityGlobs(config, dataSource) };
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
  });
  const { database, side, globs } = loaded;
  try {
    const comparison = await finishComparison(options, config, database, side);
    cache?.write(inputs, globs, factsOf(database), side);
    return comparison;
  } finally {
    await database.db.close().catch(() => undefined);
  }
}

/** The entity globs a load expanded: the config's `entities`, or strings in the DataSource's (TypeORM resolves those against the working directory). */
function entityGlobs(config: ResolvedConfig, dataSource: TypeormDataSource): GlobMatch[] {
  const match = (patterns: readonly string[], baseDir: string): GlobMatch => ({ patterns, baseDir, files: expandGlobs(patterns, baseDir) });
  if (!config.dataSource) return config.entities.length === 0 ? [] : [match(config.entities, resolve(config.projectDir))];
  const entities = dataSource.options.entities as unknown;
  const items = Array.isArray(entities) ? entities : entities && typeof entities === "object" ? Object.values(entities) : [];
  const patterns = items.filter((e): e is string => typeof e === "string");
  return patterns.length === 0 ? [] : [match(patterns, process.cwd())];
}

function factsOf(database: LiveDatabase): DatabaseFacts {
  return { dialect: database.actual.dialect, defaultSchema: database.actual.defaultSchema, serverVersion: database.version ?? null };
}

/** Compares the entity side with the database read (the caller closes the connection). */
async function finishComparison(options: ProjectOptions & { strict?: boolean }, config: ResolvedConfig, database: LiveDatabase, side: EntitySide): Promise<Comparison> {
  const strict = options.strict ?? config.strictChecksums;
  const { address, db, scripts, databaseHeads, editedMigrations, actual, version } = database;
  if (strict && editedMigrations.length > 0) throw new EditedMigrationsError(editedMigrations);
  const { target, truncatedNames, unmanaged, dataSourceOptions } = side;
  const otherTools = unclaimedBy(target, otherToolsTablesFor(config, dataSourceOptions, actual));
  const settings: CompareOptions = {
    ...compareOptions(config, unmanaged, otherTools, viewsCreatedByMigrations(scripts)),
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
    dataSourceOptions,
  };
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
  const { upToDate, dialect, operations, editedMigrations } = await compareProject(options, "check");
  return { upToDate, dialect, operations, editedMigrations };
}
