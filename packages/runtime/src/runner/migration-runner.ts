/*
 * The runner. Its only dependency on the operation API is `createOperations` from
 * ../ops, through ./operations-port.ts (ops engineer: keep that function and its
 * `{ db, dialect, emit? }` context when replacing the placeholder).
 */
import type { Queryable } from "@retort/core";
import type { Destination } from "../graph/destination";
import { UnknownDatabaseRevisionError } from "../graph/graph-errors";
import { appliedSet, planDowngrade, planUpgrade, stampHeads, type Direction, type PlanStep } from "../graph/plan";
import { resolveTarget } from "../graph/resolve-target";
import { acquireMigrationLock, type HeldLock } from "../lock/migration-lock";
import type { ScriptDirectory } from "../scripts/script-directory";
import { DEFAULT_VERSION_TABLE, VersionTable } from "../version/version-table";
import { checksumWarnings, type ChecksumWarning } from "./checksum-warnings";
import { branchesOf, headsOf, historyOf, rangeNeedsDatabase, showRevision, type HistoryOptions } from "./graph-queries";
import { onlineOperations } from "./operations-port";
import { revisionInfo, type RevisionInfo } from "./revision-info";
import { ForeignKeyCheckError, MigrationFailedError } from "./runner-errors";
import { beginStatement, hasTransactionalDdl, sqliteForeignKeysOff, sqliteForeignKeyViolations } from "./transactions";

export interface RevisionStart {
  readonly revision: string;
  readonly direction: Direction;
  readonly message: string;
  /** The version table's heads before and after this revision ("r1 -> r2" in output). */
  readonly from: readonly string[];
  readonly to: readonly string[];
}

export interface RevisionProgress extends RevisionStart {
  readonly ms: number;
}

export interface RunnerOptions {
  readonly scripts: ScriptDirectory;
  readonly db: Queryable;
  readonly versionTable?: string;
  /** One transaction per revision (default) or one for the whole run; PostgreSQL and SQLite only. */
  readonly transactionPerMigration?: boolean;
  /** Seconds to wait for the migration lock (default 60). */
  readonly lockTimeout?: number;
  /** Where the user's driver packages are (SQLite lock file connection). */
  readonly projectDir?: string;
  /** Called as each revision finishes, with its time. */
  readonly onRevision?: (progress: RevisionProgress) => void;
  /** Called just before each revision runs. */
  readonly onRevisionStart?: (start: RevisionStart) => void;
  /** Called once when another run holds the migration lock, before waiting for it. */
  readonly onLockWait?: () => void;
}

export interface MigrateResult {
  readonly direction: Direction;
  readonly target: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly revisions: readonly RevisionProgress[];
  readonly warnings: readonly ChecksumWarning[];
  /** Time spent waiting for another run's migration lock (0 when it was free). */
  readonly waitedMs: number;
  readonly waitedForLock: boolean;
}

export interface StampResult {
  readonly target: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly purged: boolean;
  readonly waitedMs: number;
  readonly waitedForLock: boolean;
}

export interface CurrentResult {
  readonly versionTable: string;
  readonly heads: readonly RevisionInfo[];
  readonly warnings: readonly ChecksumWarning[];
}

/** Runs the commands that touch the database. Results are plain data; nothing is printed. */
export class MigrationRunner {
  private readonly table: VersionTable;

  constructor(private readonly options: RunnerOptions) {
    this.table = new VersionTable(options.db.dialect, options.versionTable ?? DEFAULT_VERSION_TABLE);
  }

  private get db(): Queryable {
    return this.options.db;
  }

  private get scripts(): ScriptDirectory {
    return this.options.scripts;
  }

  upgrade(target = "head"): Promise<MigrateResult> {
    return this.migrate("upgrade", target);
  }

  downgrade(target: string): Promise<MigrateResult> {
    return this.migrate("downgrade", target);
  }

  private async migrate(direction: Direction, target: string): Promise<MigrateResult> {
    return this.withLock(async (lock) => {
      await this.table.create(this.db);
      const from = await this.knownHeads();
      // Resolve and plan before anything runs: `head` with several heads refuses here.
      const dest = resolveTarget(this.scripts.graph, target, from);
      const plan = direction === "upgrade" ? planUpgrade(this.scripts.graph, from, dest) : planDowngrade(this.scripts.graph, from, dest, target);
      const warnings = checksumWarnings(this.scripts, appliedSet(this.scripts.graph, from), await this.table.readChecksums(this.db));
      const revisions = await this.runPlan(plan, from);
      return {
        direction,
        target,
        from,
        to: plan.length > 0 ? plan[plan.length - 1]!.headsAfter : from,
        revisions,
        warnings,
        waitedMs: lock.waitedMs,
        waitedForLock: lock.waited,
      };
    });
  }

  async stamp(target: string, options: { purge?: boolean } = {}): Promise<StampResult> {
    return this.withLock(async (lock) => {
      await this.table.create(this.db);
      const purge = options.purge ?? false;
      const from = purge ? await this.table.readHeads(this.db) : await this.knownHeads();
      const start = purge ? [] : from;
      const dest: Destination = resolveTarget(this.scripts.graph, target, start);
      const to = stampHeads(this.scripts.graph, start, dest, target);
      const statements = purge ? this.table.purgeStatements() : [];
      statements.push(...this.table.headStatements(start, to), ...this.checksumSync(start, to));
      await this.inTransaction(async () => {
        for (const sql of statements) await this.db.query(sql);
      });
      return { target, from, to, purged: purge, waitedMs: lock.waitedMs, waitedForLock: lock.waited };
    });
  }

  /** The database's heads (no lock: a read). */
  async current(options: { verbose?: boolean } = {}): Promise<CurrentResult> {
    const heads = await this.knownHeads();
    const marks = new Set(heads);
    const warnings = options.verbose
      ? checksumWarnings(this.scripts, appliedSet(this.scripts.graph, heads), await this.table.readChecksums(this.db))
      : [];
    return { versionTable: this.table.name, heads: heads.map((h) => revisionInfo(this.scripts, h, marks)), warnings };
  }

  async history(options: HistoryOptions = {}) {
    const needsDb = options.indicateCurrent || rangeNeedsDatabase(options.range);
    return historyOf(this.scripts, options, needsDb ? await this.knownHeads() : undefined);
  }

  async show(rev: string) {
    return showRevision(this.scripts, rev);
  }

  async heads(options: { indicateCurrent?: boolean } = {}) {
    return headsOf(this.scripts, options.indicateCurrent ? await this.knownHeads() : undefined);
  }

  async branches() {
    return branchesOf(this.scripts);
  }

  /** The version table's heads, each checked against the scripts. */
  private async knownHeads(): Promise<string[]> {
    const heads = await this.table.readHeads(this.db);
    const unknown = heads.filter((h) => !this.scripts.graph.has(h));
    if (unknown.length > 0) throw new UnknownDatabaseRevisionError(unknown, this.table.name);
    return heads;
  }

  private async withLock<T>(body: (lock: HeldLock) => Promise<T>): Promise<T> {
    const lock = await acquireMigrationLock(this.db, {
      timeoutSeconds: this.options.lockTimeout ?? 60,
      versionTable: this.table.name,
      onWait: this.options.onLockWait,
      ...(this.options.projectDir ? { projectDir: this.options.projectDir } : {}),
    });
    try {
      return await body(lock);
    } finally {
      await lock.release().catch(() => undefined);
    }
  }

  private async runPlan(plan: readonly PlanStep[], from: readonly string[]): Promise<RevisionProgress[]> {
    const done: RevisionProgress[] = [];
    const perRun = this.options.transactionPerMigration === false && hasTransactionalDdl(this.db.dialect);
    const runAll = async () => {
      for (const step of plan) {
        const progress = perRun ? await this.runStep(step) : await this.inTransaction(() => this.runStep(step), step.revision);
        done.push(progress);
        this.options.onRevision?.(progress);
      }
    };
    try {
      if (perRun && plan.length > 0) await this.inTransaction(runAll, plan[0]!.revision);
      else await runAll();
    } catch (e) {
      throw this.failure(e, plan, done.length, perRun ? from : undefined);
    }
    return done;
  }

  private async runStep(step: PlanStep): Promise<RevisionProgress> {
    const script = this.scripts.scripts.get(step.revision)!;
    const start: RevisionStart = { revision: step.revision, direction: step.direction, message: script.message, from: step.headsBefore, to: step.headsAfter };
    this.options.onRevisionStart?.(start);
    const started = performance.now();
    const op = onlineOperations(this.db);
    try {
      await (step.direction === "upgrade" ? script.upgrade(op) : script.downgrade(op));
    } catch (e) {
      throw new StepError(e);
    }
    const versionSql = [
      ...this.table.headStatements(step.headsBefore, step.headsAfter),
      ...(step.direction === "upgrade" ? this.table.recordApplied(step.revision, script.checksum) : this.table.recordUnapplied(step.revision)),
    ];
    for (const sql of versionSql) await this.db.query(sql);
    return { ...start, ms: Math.round(performance.now() - started) };
  }

  /** BEGIN … COMMIT (ROLLBACK on error); on SQLite with foreign keys switched off and checked. */
  private async inTransaction<T>(body: () => Promise<T>, revision = "stamp"): Promise<T> {
    const dialect = this.db.dialect;
    const restoreFks = dialect === "sqlite" ? await sqliteForeignKeysOff(this.db) : async () => undefined;
    try {
      await this.db.query(beginStatement(dialect));
      try {
        const result = await body();
        if (dialect === "sqlite") {
          const violations = await sqliteForeignKeyViolations(this.db);
          if (violations.length > 0) throw new StepError(new ForeignKeyCheckError(revision, violations));
        }
        await this.db.query("COMMIT");
        return result;
      } catch (e) {
        await this.db.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    } finally {
      await restoreFks();
    }
  }

  private failure(e: unknown, plan: readonly PlanStep[], completed: number, runStart: readonly string[] | undefined): unknown {
    const step = plan[completed];
    if (!step) return e;
    const cause = e instanceof StepError ? e.cause : e;
    const transactional = hasTransactionalDdl(this.db.dialect);
    const heads = runStart ?? step.headsBefore;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new MigrationFailedError(step.revision, step.direction, this.scripts.scripts.get(step.revision)!.file, heads, transactional, reason, { cause });
  }

  /** `<table>_applied` rows for a stamp from `before` to `after`. */
  private checksumSync(before: readonly string[], after: readonly string[]): string[] {
    const g = this.scripts.graph;
    const was = appliedSet(g, before);
    const now = appliedSet(g, after);
    return [
      ...g.sorted(was).filter((id) => !now.has(id)).flatMap((id) => this.table.recordUnapplied(id)),
      ...g.sorted(now).filter((id) => !was.has(id)).flatMap((id) => this.table.recordApplied(id, this.scripts.scripts.get(id)!.checksum)),
    ];
  }
}

/** Marks an error thrown by a migration's own code (vs the runner's bookkeeping). */
class StepError extends Error {
  constructor(override readonly cause: unknown) {
    super("migration step failed");
  }
}
