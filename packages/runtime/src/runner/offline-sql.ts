import type { DialectName } from "@retort/core";
import { engineFor } from "@retort/dialects";
import type { Destination } from "../graph/destination";
import { planDowngrade, planUpgrade, type Direction, type PlanStep } from "../graph/plan";
import { resolveTarget } from "../graph/resolve-target";
import type { ScriptDirectory } from "../scripts/script-directory";
import { DEFAULT_VERSION_TABLE, VersionTable } from "../version/version-table";
import { offlineOperations } from "./operations-port";
import { SqliteOfflineShadow } from "./offline-shadow";
import { OfflineRangeError } from "./runner-errors";

export interface OfflineOptions {
  readonly scripts: ScriptDirectory;
  readonly dialect: DialectName;
  readonly versionTable?: string;
  readonly transactionPerMigration?: boolean;
  /** Where the project is: its SQLite driver holds the schema copy batch rebuilds are planned on. */
  readonly projectDir?: string;
}

export interface OfflineResult {
  readonly direction: Direction;
  readonly range: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly revisions: readonly string[];
  readonly statements: readonly string[];
  /** The statements as one script, each ending with `;`. */
  readonly sql: string;
}

/**
 * `upgrade --sql [from:]to`: the SQL an upgrade would run, version-table statements
 * included, without any connection. Without `from`, the script starts at base and
 * creates the version tables.
 */
export function upgradeSql(options: OfflineOptions, range: string): Promise<OfflineResult> {
  return offlineRun(options, "upgrade", range);
}

/** `downgrade --sql from:to`: a range is required, as the database is not read. */
export function downgradeSql(options: OfflineOptions, range: string): Promise<OfflineResult> {
  if (!range.includes(":")) throw new OfflineRangeError("downgrade", range);
  return offlineRun(options, "downgrade", range);
}

async function offlineRun(options: OfflineOptions, direction: Direction, range: string): Promise<OfflineResult> {
  const { scripts, dialect } = options;
  const graph = scripts.graph;
  const table = new VersionTable(dialect, options.versionTable ?? DEFAULT_VERSION_TABLE);
  const colon = range.indexOf(":");
  const fromSpec = colon >= 0 ? range.slice(0, colon).trim() : "";
  const toSpec = (colon >= 0 ? range.slice(colon + 1) : range).trim() || "head";
  const from = fromSpec === "" ? [] : headsOfDestination(scripts, resolveTarget(graph, fromSpec));
  const dest = resolveTarget(graph, toSpec, from);
  const plan = direction === "upgrade" ? planUpgrade(graph, from, dest) : planDowngrade(graph, from, dest, toSpec);

  const statements: string[] = [];
  const emit = (sql: string) => statements.push(sql.trim().replace(/;\s*$/, ""));
  const shadow =
    dialect === "sqlite"
      ? new SqliteOfflineShadow(options.projectDir, fromSpec === "" ? null : (s) => replayUpTo(scripts, resolveTarget(graph, fromSpec), s))
      : undefined;
  if (fromSpec === "") table.createStatements().forEach(emit);
  // Where DDL cannot roll back, a script marks each revision while it runs, as `upgrade` does.
  if (table.marksRunning && plan.length > 0) emit(table.runningCreateStatement());
  const { capabilities, session } = engineFor(dialect);
  const transactional = capabilities.transactionalDdl;
  const perRun = options.transactionPerMigration === false && transactional;
  if (perRun && plan.length > 0) emit(session.beginTransaction);
  for (const step of plan) {
    if (!perRun) emit(session.beginTransaction);
    emit(`-- ${step.direction} ${step.revision}${scripts.scripts.get(step.revision)!.message ? `: ${scripts.scripts.get(step.revision)!.message}` : ""}`);
    if (table.marksRunning) table.markRunning(step.revision, step.direction, step.headsBefore, step.headsAfter, "server clock").forEach(emit);
    await runOffline(scripts, step, dialect, emit, shadow);
    versionStatements(scripts, table, step).forEach(emit);
    if (!perRun) emit("COMMIT");
  }
  if (perRun && plan.length > 0) emit("COMMIT");
  await shadow?.close();
  // A rebuild drops and renames tables: with foreign keys enforced that would cascade.
  // The pragma is a no-op inside a transaction, so it comes first.
  if (shadow && shadow.rebuilt.length > 0) statements.unshift(`-- batch rebuilds of ${[...new Set(shadow.rebuilt)].join(", ")}: foreign keys off while they run`, "PRAGMA foreign_keys = OFF");
  return {
    direction,
    range,
    from,
    to: plan.length > 0 ? plan[plan.length - 1]!.headsAfter : from,
    revisions: plan.map((s) => s.revision),
    statements,
    sql: statements.map((s) => (s.startsWith("--") ? s : `${s};`)).join("\n\n") + "\n",
  };
}

async function runOffline(scripts: ScriptDirectory, step: PlanStep, dialect: DialectName, emit: (sql: string) => void, shadow?: SqliteOfflineShadow): Promise<void> {
  const script = scripts.scripts.get(step.revision)!;
  const both = (sql: string) => {
    emit(sql);
    shadow?.capture(sql);
  };
  const op = offlineOperations(dialect, shadow ? both : emit, shadow);
  await (step.direction === "upgrade" ? script.upgrade(op) : script.downgrade(op));
}

/** Writes the schema changes of every revision up to `dest` into the copy only. */
async function replayUpTo(scripts: ScriptDirectory, dest: Destination, shadow: SqliteOfflineShadow): Promise<void> {
  for (const step of planUpgrade(scripts.graph, [], dest)) await runOffline(scripts, step, "sqlite", () => undefined, shadow);
}

function versionStatements(scripts: ScriptDirectory, table: VersionTable, step: PlanStep): string[] {
  const checksum = scripts.scripts.get(step.revision)!.checksum;
  return [
    ...table.headStatements(step.headsBefore, step.headsAfter),
    ...(step.direction === "upgrade" ? table.recordApplied(step.revision, checksum) : table.recordUnapplied(step.revision)),
    ...(table.marksRunning ? table.clearRunning(step.revision) : []),
  ];
}

function headsOfDestination(scripts: ScriptDirectory, dest: Destination): string[] {
  if (dest.kind === "base") return [];
  const tops = dest.kind === "below" ? scripts.graph.get(dest.revision).downRevisions : dest.ids;
  return scripts.graph.headsOf(scripts.graph.ancestors(tops, true));
}
