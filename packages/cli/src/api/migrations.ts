import type { DialectName } from "@retort/core";
import {
  branchesOf,
  chooseParent,
  downgradeSql,
  headsOf,
  historyOf,
  loadScriptDirectory,
  MigrationRunner,
  showRevision,
  planMerge,
  planRevision,
  upgradeSql,
  type NewRevisionOptions,
  type PlannedRevision,
  type CurrentResult,
  type HistoryResult,
  type MigrateResult,
  type OfflineResult,
  type RevisionProgress,
  type RevisionStart,
  type ScriptDirectory,
  type StampResult,
} from "@retort/runtime";
import type { ResolvedConfig } from "../config/load-config";
import { offlineDialect } from "../project/offline-dialect";
import { letStrayRejectionsSurface } from "../project/surface-rejections";
import { databaseAddress, explicitUrl, openModelSource, loadProjectConfig, withConnection, type DatabaseAddress, type ProjectOptions } from "../project/session";

/** A revision as it runs, with its parents (a merge has several): `Running upgrade a, b -> m`. */
export interface RevisionStep extends RevisionStart {
  readonly parents: readonly string[];
}

export interface MigrateOptions extends ProjectOptions {
  /** Refuse when an applied migration was edited (`--strict`; default: the config's `strictChecksums`). */
  readonly strict?: boolean;
  /** Seconds a migration statement may wait for another session's lock (`--ddl-lock-timeout`; default: the config's `ddlLockTimeout`). */
  readonly ddlLockTimeout?: number;
  readonly onRevisionStart?: (start: RevisionStep) => void;
  readonly onRevision?: (progress: RevisionProgress & RevisionStep) => void;
  /** Another run holds the migration lock: called once, before waiting. */
  readonly onLockWait?: () => void;
}

/** Runs `body` with a runner on the project's database, under its settings. */
async function withRunner<T>(options: MigrateOptions, body: (runner: MigrationRunner, config: ResolvedConfig) => Promise<T>): Promise<T> {
  const config = await loadProjectConfig(options);
  const scripts = await loadScriptDirectory(config.migrations);
  const address = await addressWithoutLoadingEntities(options, config);
  await letStrayRejectionsSurface();
  return withConnection(address, (db) =>
    body(
      new MigrationRunner({
        scripts,
        db,
        versionTable: config.versionTable,
        transactionPerMigration: config.transactionPerMigration,
        lockTimeout: config.lockTimeout,
        strictChecksums: options.strict ?? config.strictChecksums,
        ddlLockTimeout: options.ddlLockTimeout ?? config.ddlLockTimeout,
        projectDir: config.projectDir,
        onRevision: options.onRevision && ((p) => options.onRevision!({ ...p, parents: parentsOf(scripts, p.revision) })),
        onRevisionStart: options.onRevisionStart && ((s) => options.onRevisionStart!({ ...s, parents: parentsOf(scripts, s.revision) })),
        onLockWait: options.onLockWait,
      }),
      config,
    ),
  );
}

function parentsOf(scripts: ScriptDirectory, revision: string): readonly string[] {
  return scripts.scripts.get(revision)?.downRevisions ?? [];
}

/** Migrations don't need the model: open the model source (a DataSource module) only when it is the sole source of the URL. */
async function addressWithoutLoadingEntities(options: ProjectOptions, config: ResolvedConfig): Promise<DatabaseAddress> {
  const explicit = explicitUrl(options, config);
  return databaseAddress(options, config, explicit ? undefined : await openModelSource(options, config));
}

export function upgrade(target = "head", options: MigrateOptions = {}): Promise<MigrateResult> {
  return withRunner(options, (runner) => runner.upgrade(target));
}

export function downgrade(target: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  return withRunner(options, (runner) => runner.downgrade(target));
}

export function stamp(target: string, options: MigrateOptions & { purge?: boolean } = {}): Promise<StampResult> {
  return withRunner(options, (runner) => runner.stamp(target, { purge: options.purge }));
}

export function current(options: ProjectOptions & { verbose?: boolean } = {}): Promise<CurrentResult> {
  return withRunner(options, (runner) => runner.current({ verbose: options.verbose }));
}

/** `--sql`: the SQL of an upgrade or downgrade range, with no connection at all. */
export async function migrationSql(direction: "upgrade" | "downgrade", range: string, options: ProjectOptions = {}): Promise<OfflineResult & { dialect: DialectName }> {
  const config = await loadProjectConfig(options);
  const scripts = await loadScriptDirectory(config.migrations);
  const explicit = explicitUrl(options, config);
  const dialect = offlineDialect(explicit, explicit ? undefined : (await openModelSource(options, config)).dialect);
  const offline = { scripts, dialect, versionTable: config.versionTable, transactionPerMigration: config.transactionPerMigration, projectDir: config.projectDir };
  const result = direction === "upgrade" ? await upgradeSql(offline, range) : await downgradeSql(offline, range);
  return { ...result, dialect };
}

async function scriptsOf(options: ProjectOptions): Promise<{ config: ResolvedConfig; scripts: ScriptDirectory }> {
  const config = await loadProjectConfig(options);
  return { config, scripts: await loadScriptDirectory(config.migrations) };
}

export async function history(options: ProjectOptions & { range?: string; verbose?: boolean; indicateCurrent?: boolean } = {}): Promise<HistoryResult> {
  const needsDb = options.indicateCurrent || (options.range ?? "").split(":").some((s) => s.trim() === "current");
  if (needsDb) return withRunner(options, (runner) => runner.history(options));
  const { scripts } = await scriptsOf(options);
  return historyOf(scripts, options);
}

export async function show(revision: string, options: ProjectOptions = {}) {
  const { scripts } = await scriptsOf(options);
  // `show head` names the single head (several heads: the same error autogen gives).
  const id = revision === "head" ? chooseParent(scripts, { message: "", head: "head" }) ?? revision : revision;
  return showRevision(scripts, id);
}

export async function heads(options: ProjectOptions = {}) {
  const { scripts } = await scriptsOf(options);
  return headsOf(scripts);
}

export async function branches(options: ProjectOptions = {}) {
  const { scripts } = await scriptsOf(options);
  return branchesOf(scripts);
}

/** Where a new revision goes in the graph (`--head`, `--branch-label`, `--depends-on`, `--rev-id`, `--splice`). */
export interface RevisionOptions extends ProjectOptions, NewRevisionOptions {}

export interface WrittenRevision extends PlannedRevision {
  readonly file: string;
}

/** Writes an empty migration for a planned header, formatted like every generated file. */
async function writeEmpty(config: ResolvedConfig, planned: PlannedRevision): Promise<WrittenRevision> {
  // The generator (codegen, prettier) loads only when a file is written.
  const { writeMigrationFile } = require("@retort/codegen") as typeof import("@retort/codegen");
  const written = await writeMigrationFile(config.migrations, { ...planned, upgrade: [] }, { postWrite: config.postWrite, cwd: config.projectDir });
  return { ...planned, file: written.path };
}

/** `revision -m`: an empty migration file. */
export async function revision(options: RevisionOptions): Promise<WrittenRevision> {
  const { config, scripts } = await scriptsOf(options);
  return writeEmpty(config, planRevision(scripts, options));
}

/** `merge -m <msg> <rev> <rev>…`: a revision whose down revisions are the given ones. */
export async function merge(revisions: readonly string[], options: ProjectOptions & { message: string; revId?: string }): Promise<WrittenRevision> {
  const { config, scripts } = await scriptsOf(options);
  return writeEmpty(config, planMerge(scripts, revisions, { message: options.message, revId: options.revId }));
}
