import type { DialectName, Operation, Queryable, SchemaModel } from "@retort/core";
import { compareSchemas, describeOperations, type CompareOptions, type DiffEntry } from "@retort/compare";
import { connect, introspect } from "@retort/dialects";
import { buildTargetModel, loadEntities, unmanagedObjects, type TypeormDataSource, type UnmanagedObjects } from "@retort/typeorm";
import type { ChecksumWarning, ScriptDirectory } from "@retort/runtime";
import { otherToolsTables, unclaimedBy, type BookkeepingTable } from "../project/bookkeeping-tables";
import { includeNameFor, includeObjectFor } from "../project/comparison-filters";
import type { ResolvedConfig } from "../config/load-config";
import { requireDatabaseAtHead } from "../project/at-head";
import { anchorSqliteUrl } from "../project/connection-url";
import { connectionUrl, explicitUrl, loadDataSourceFor, loadProjectConfig, type ProjectOptions } from "../project/session";

export interface CheckResult {
  readonly upToDate: boolean;
  readonly dialect: DialectName;
  /** The SPEC.md §3 entries. */
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
  /** What the comparison ran with (filters included), to compare other models the same way. */
  readonly compareOptions: CompareOptions;
  /** The database compared, and the DataSource's options (other tools' tables are named there). */
  readonly url: string;
  readonly dataSourceOptions: TypeormDataSource["options"];
}

function compareOptions(config: ResolvedConfig, unmanaged: UnmanagedObjects, otherTools: readonly BookkeepingTable[]): CompareOptions {
  return {
    compareType: config.compareType as CompareOptions["compareType"],
    compareServerDefault: config.compareServerDefault as CompareOptions["compareServerDefault"],
    includeObject: includeObjectFor(config, unmanaged),
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
  readonly url: string;
  readonly db: Queryable;
  readonly scripts: ScriptDirectory;
  readonly databaseHeads: readonly string[];
  readonly editedMigrations: readonly ChecksumWarning[];
  readonly actual: SchemaModel;
  readonly version: string | undefined;
}

/** Connects, refuses a database behind the migrations' head, and introspects it. The caller closes `db`. */
async function readLiveDatabase(url: string, config: ResolvedConfig, command: string): Promise<LiveDatabase> {
  const db = await connect(url, { projectDir: config.projectDir });
  try {
    const { scripts, databaseHeads, warnings } = await requireDatabaseAtHead(db, config.migrations, config.versionTable, command);
    const actual = await introspect(db, { includeSchemas: config.includeSchemas, includeName: includeNameFor(config) });
    const version = await serverVersion(db, db.dialect);
    return { url, db, scripts, databaseHeads, editedMigrations: warnings, actual, version };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Compares the entities with the live database (refusing when the database is behind
 * the migrations' head). Shared by `check` and `autogen`.
 *
 * The database is read while the entities load: the connection starts as soon as its
 * URL is known (before the DataSource module loads when the URL is given otherwise),
 * and the entity files load in turns so that the catalog queries go on meanwhile.
 * Errors keep their order: the DataSource module's, then the database's, then the entities'.
 */
export async function compareProject(options: ProjectOptions, command: string): Promise<Comparison> {
  const config = await loadProjectConfig(options);
  const early = explicitUrl(options, config);
  let live = early === undefined ? undefined : settled(readLiveDatabase(anchorSqliteUrl(early, config.projectDir), config, command));
  let dataSource: TypeormDataSource;
  try {
    dataSource = await loadDataSourceFor(options, config);
  } catch (e) {
    void live?.then((r) => (r.ok ? r.value.db.close().catch(() => undefined) : undefined));
    throw e;
  }
  live ??= settled(readLiveDatabase(connectionUrl(options, config, dataSource), config, command));
  const entities = await settled(loadEntities(dataSource));
  const database = await live;
  if (!database.ok) throw database.error;
  const { url, db, scripts, databaseHeads, editedMigrations, actual, version } = database.value;
  try {
    if (!entities.ok) throw entities.error;
    const modelOptions = { defaultSchema: actual.defaultSchema, dialect: actual.dialect, serverVersion: version, source: config.dataSource };
    const target = await buildTargetModel(dataSource, modelOptions);
    const otherTools = unclaimedBy(target, otherToolsTables(dataSource.options, actual));
    const settings = compareOptions(config, await unmanagedObjects(dataSource, modelOptions), otherTools);
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
      compareOptions: settings,
      url,
      dataSourceOptions: dataSource.options,
    };
  } finally {
    await db.close().catch(() => undefined);
  }
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** A promise that never rejects (no unhandled rejection while it waits), to be looked at later. */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** `retort check`: are the entities and the database in sync? */
export async function check(options: ProjectOptions = {}): Promise<CheckResult> {
  const { upToDate, dialect, operations, editedMigrations } = await compareProject(options, "check");
  return { upToDate, dialect, operations, editedMigrations };
}
