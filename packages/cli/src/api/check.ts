import type { DialectName, Operation, SchemaModel } from "@retort/core";
import { compareSchemas, describeOperations, type CompareOptions, type DiffEntry } from "@retort/compare";
import { introspect } from "@retort/dialects";
import { buildTargetModel, unmanagedObjects, type UnmanagedObjects } from "@retort/typeorm";
import type { ChecksumWarning, ScriptDirectory } from "@retort/runtime";
import { includeNameFor, includeObjectFor } from "../project/comparison-filters";
import type { ResolvedConfig } from "../config/load-config";
import { requireDatabaseAtHead } from "../project/at-head";
import { connectionUrl, loadDataSourceFor, loadProjectConfig, withConnection, type ProjectOptions } from "../project/session";

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
}

function compareOptions(config: ResolvedConfig, unmanaged: UnmanagedObjects): CompareOptions {
  return {
    compareType: config.compareType as CompareOptions["compareType"],
    compareServerDefault: config.compareServerDefault as CompareOptions["compareServerDefault"],
    includeObject: includeObjectFor(config, unmanaged),
    includeName: includeNameFor(config),
    includeSchemas: config.includeSchemas,
    versionTable: config.versionTable,
  };
}

async function serverVersion(db: { query<R>(sql: string): Promise<R[]> }, dialect: DialectName): Promise<string | undefined> {
  if (dialect !== "mysql" && dialect !== "mariadb") return undefined;
  const rows = await db.query<{ v: string }>("SELECT VERSION() AS v");
  return rows[0]?.v;
}

/**
 * Compares the entities with the live database (refusing when the database is behind
 * the migrations' head). Shared by `check` and `autogen`.
 */
export async function compareProject(options: ProjectOptions, command: string): Promise<Comparison> {
  const config = await loadProjectConfig(options);
  const dataSource = loadDataSourceFor(options, config);
  const url = connectionUrl(options, config, dataSource);
  return withConnection(url, config.projectDir, async (db) => {
    const { scripts, databaseHeads, warnings: editedMigrations } = await requireDatabaseAtHead(db, config.migrations, config.versionTable, command);
    const actual = await introspect(db, { includeSchemas: config.includeSchemas, includeName: includeNameFor(config) });
    const version = await serverVersion(db, db.dialect);
    const modelOptions = { defaultSchema: actual.defaultSchema, dialect: actual.dialect, serverVersion: version, source: config.dataSource };
    const target = await buildTargetModel(dataSource, modelOptions);
    const ops = compareSchemas(target, actual, compareOptions(config, await unmanagedObjects(dataSource, modelOptions)));
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
    };
  });
}

/** `retort check`: are the entities and the database in sync? */
export async function check(options: ProjectOptions = {}): Promise<CheckResult> {
  const { upToDate, dialect, operations, editedMigrations } = await compareProject(options, "check");
  return { upToDate, dialect, operations, editedMigrations };
}
