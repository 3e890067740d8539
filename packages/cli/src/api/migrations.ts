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
import { writeMigrationFile } from "@retort/codegen";
import type { ResolvedConfig } from "../config/load-config";
import { offlineDialect } from "../project/offline-dialect";
import { connectionUrl, loadDataSourceFor, loadProjectConfig, withConnection, type ProjectOptions } from "../project/session";

export interface MigrateOptions extends ProjectOptions {
  readonly onRevisionStart?: (start: RevisionStart) => void;
  readonly onRevision?: (progress: RevisionProgress) => void;
}

/** Runs `body` with a runner on the project's database, under its settings. */
async function withRunner<T>(options: MigrateOptions, body: (runner: MigrationRunner, config: ResolvedConfig) => Promise<T>): Promise<T> {
  const config = await loadProjectConfig(options);
  const scripts = await loadScriptDirectory(config.migrations);
  const url = await urlWithoutLoadingEntities(options, config);
  return withConnection(url, config.projectDir, (db) =>
    body(
      new MigrationRunner({
        scripts,
        db,
        versionTable: config.versionTable,
        transactionPerMigration: config.transactionPerMigration,
        lockTimeout: config.lockTimeout,
        projectDir: config.projectDir,
        onRevision: options.onRevision,
        onRevisionStart: options.onRevisionStart,
      }),
      config,
    ),
  );
}

/** Migrations don't need the entities: load the DataSource only when it is the sole source of the URL. */
async function urlWithoutLoadingEntities(options: ProjectOptions, config: ResolvedConfig): Promise<string> {
  const explicit = options.url || process.env.DATABASE_URL || config.url;
  return connectionUrl(options, config, explicit ? undefined : await loadDataSourceFor(options, config));
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
  const explicit = options.url || process.env.DATABASE_URL || config.url;
  const dialect = offlineDialect(explicit, explicit ? undefined : ((await loadDataSourceFor(options, config)).options as { type?: string }).type);
  const offline = { scripts, dialect, versionTable: config.versionTable, transactionPerMigration: config.transactionPerMigration };
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
