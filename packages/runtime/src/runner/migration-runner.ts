/*
 * The runner. Its only dependency on the operation API is `createOperations` from
 * ../ops, through ./operations-port.ts (ops engineer: keep that function and its
 * `{ db, dialect, emit? }` context when replacing the placeholder).
 */
import type { Queryable } from "@retort/core";
import { engineFor } from "@retort/dialects";
import type { Destination } from "../graph/destination";
import { UnknownDatabaseRevisionError } from "../graph/graph-errors";
import { appliedSet, planDowngrade, planUpgrade, stampHeads, type Direction, type PlanStep } from "../graph/plan";
import { resolveTarget } from "../graph/resolve-target";
import { requireSeconds } from "../lock/lock-errors";
import { acquireMigrationLock, type HeldLock } from "../lock/migration-lock";
import type { ScriptDirectory } from "../scripts/script-directory";
import { DEFAULT_VERSION_TABLE, VersionTable, type InterruptedRevision } from "../version/version-table";
import { InterruptedRevisionError } from "./interrupted-revision";
import { checksumWarnings, EditedMigrationsError, type ChecksumWarning } from "./checksum-warnings";
import { branchesOf, headsOf, historyOf, rangeNeedsDatabase, showRevision, type HistoryOptions } from "./graph-queries";
import { failureReason } from "./failure-reason";
import { OutsideTransactionLog } from "./outside-transaction";
import { onlineOperations } from "./operations-port";
import { StepGuard, type RunGuard } from "./step-guard";
import { revisionInfo, type RevisionInfo } from "./revision-info";
import { ForeignKeyCheckError, MigrationFailedError } from "./runner-errors";

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
  /** Seconds a migration statement may wait for another session's lock (unset: the server's setting). */
  readonly ddlLockTimeout?: number;
  /** Refuse to upgrade or downgrade when an applied migration was edited (default: warn). */
  readonly strictChecksums?: boolean;
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
  /** Revisions that started and never finished (MySQL/MariaDB): part of them may be applied. */
  readonly interrupted: readonly InterruptedRevision[];
  readonly heads: readonly RevisionInfo[];
  readonly warnings: readonly ChecksumWarning[];
}

/** Runs the commands that touch the database. Results are plain data; nothing is printed. */
export class MigrationRunner {
  private readonly table: VersionTable;
  /** Op calls made after their migration function returned (checked at each step and at the end). */
  private runGuard: RunGuard = { late: [] };
  /** The revision running now (its statements tell whether a MySQL failure left anything behind). */
  private currentGuard: StepGuard | undefined;
  /** What a run committed outside its transactions (PostgreSQL CONCURRENTLY). */
  private outside = new OutsideTransactionLog();

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
      await this.refuseInterrupted();
      // Resolve and plan before anything runs: `head` with several heads refuses here.
      const dest = resolveTarget(this.scripts.graph, target, from);
      const plan = direction === "upgrade" ? planUpgrade(this.scripts.graph, from, dest) : planDowngrade(this.scripts.graph, from, dest, target);
      const warnings = checksumWarnings(this.scripts, appliedSet(this.scripts.graph, from), await this.table.readChecksums(this.db));
      if (this.options.strictChecksums && warnings.length > 0) throw new EditedMigrationsError(warnings);
      const revisions = await this.withDdlLockTimeout(() => this.runPlan(plan, from));
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
      // Stamping is how an interrupted revision is resolved (see interrupted-revision.ts).
      if (this.table.marksRunning) statements.push(...this.table.clearRunning());
      statements.push(...this.table.headStatements(start, to), ...this.checksumSync(start, to));
      await this.inTransaction(() => this.table.write(this.db, statements));
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
    const interrupted = await this.table.readInterrupted(this.db);
    return { versionTable: this.table.name, interrupted, heads: heads.map((h) => revisionInfo(this.scripts, h, marks)), warnings };
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

  private async refuseInterrupted(): Promise<void> {
    const interrupted = await this.table.readInterrupted(this.db);
    if (interrupted.length === 0) return;
    throw new InterruptedRevisionError(interrupted, new Map([...this.scripts.scripts].map(([id, s]) => [id, s.file])));
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

  private async withDdlLockTimeout<T>(body: () => Promise<T>): Promise<T> {
    const seconds = this.options.ddlLockTimeout;
    if (seconds === undefined) return body();
    const restore = await engineFor(this.db.dialect).session.setDdlLockTimeout(this.db, requireSeconds(seconds, "ddlLockTimeout"));
    try {
      return await body();
    } finally {
      await restore().catch(() => undefined);
    }
  }

  private async runPlan(plan: readonly PlanStep[], from: readonly string[]): Promise<RevisionProgress[]> {
    const done: RevisionProgress[] = [];
    this.runGuard = { late: [] };
    this.outside = new OutsideTransactionLog();
    const perRun = this.options.transactionPerMigration === false && engineFor(this.db.dialect).capabilities.transactionalDdl;
    const runAll = async () => {
      for (const step of plan) {
        const progress = perRun ? await this.runStep(step, true) : await this.inTransaction(() => this.runStep(step, false), step.revision);
        done.push(progress);
        this.options.onRevision?.(progress);
      }
    };
    try {
      if (perRun && plan.length > 0) await this.inTransaction(runAll, plan[0]!.revision);
      else await runAll();
    } catch (e) {
      throw await this.failure(e, plan, done.length, perRun ? from : undefined);
    }
    // A call made after the last revision's function returned: it did not run, though that revision is recorded.
    if (this.runGuard.late.length > 0) throw this.runGuard.late[0]!;
    return done;
  }

  private async runStep(step: PlanStep, perRun: boolean): Promise<RevisionProgress> {
    const script = this.scripts.scripts.get(step.revision)!;
    const start: RevisionStart = { revision: step.revision, direction: step.direction, message: script.message, from: step.headsBefore, to: step.headsAfter };
    this.options.onRevisionStart?.(start);
    const started = performance.now();
    if (this.table.marksRunning) await this.table.write(this.db, this.table.markRunning(step.revision, step.direction, step.headsBefore, step.headsAfter));
    const guard = new StepGuard(this.db, step.revision, this.runGuard);
    this.currentGuard = guard;
    this.outside.statements = [];
    const op = guard.operations(
      onlineOperations(guard.db, { noTransactionStandsAlone: true, outsideTransaction: (run, statements) => this.outside.run(guard.db, step, run, statements) }),
    );
    try {
      await guard.execute(() => (step.direction === "upgrade" ? script.upgrade(op) : script.downgrade(op)));
    } catch (e) {
      throw new StepError(e);
    }
    const versionSql = [
      ...this.table.headStatements(step.headsBefore, step.headsAfter),
      ...(step.direction === "upgrade" ? this.table.recordApplied(step.revision, script.checksum) : this.table.recordUnapplied(step.revision)),
      ...(this.table.marksRunning ? this.table.clearRunning(step.revision) : []),
    ];
    await this.table.write(this.db, versionSql);
    if (perRun && this.outside.statements.length > 0) {
      // Its index is committed already: make its version row durable with it.
      await this.db.query("COMMIT");
      await this.db.query(engineFor(this.db.dialect).session.beginTransaction);
      this.outside.heads = step.headsAfter;
    }
    this.outside.statements = [];
    return { ...start, ms: Math.round(performance.now() - started) };
  }

  /** BEGIN … COMMIT (ROLLBACK on error); on SQLite with foreign keys switched off and checked. */
  private async inTransaction<T>(body: () => Promise<T>, revision = "stamp"): Promise<T> {
    const { session } = engineFor(this.db.dialect);
    const restoreFks = await session.suspendForeignKeys(this.db);
    try {
      await this.db.query(session.beginTransaction);
      try {
        const result = await body();
        const violations = await session.foreignKeyViolations(this.db);
        if (violations.length > 0) throw new StepError(new ForeignKeyCheckError(revision, violations));
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

  private async failure(e: unknown, plan: readonly PlanStep[], completed: number, runStart: readonly string[] | undefined): Promise<unknown> {
    const step = plan[completed];
    if (!step) return e;
    const cause = e instanceof StepError ? e.cause : e;
    const reason = failureReason(cause, this.options.ddlLockTimeout);
    // Per revision: the heads before it. One transaction per run: its start, unless a CONCURRENTLY commit made more durable.
    const heads = runStart ? (this.outside.heads ?? runStart) : step.headsBefore;
    const rolledBack =
      engineFor(this.db.dialect).capabilities.transactionalDdl || !(await this.markedAfterRollback(step.revision, reason, this.currentGuard?.changesMade ?? 1));
    return new MigrationFailedError(step.revision, step.direction, this.scripts.scripts.get(step.revision)!.file, heads, rolledBack, reason, {
      cause,
      headsAfter: step.headsAfter,
      committed: this.outside.statements,
      invalidIndexes: await this.outside.invalidIndexes(this.db),
    });
  }

  /**
   * MySQL/MariaDB: whether the revision's in-progress row survived the ROLLBACK, i.e. a DDL
   * statement's implicit commit made part of the revision permanent. Records why it failed.
   */
  private async markedAfterRollback(revision: string, reason: string, changesMade: number): Promise<boolean> {
    if (!this.table.marksRunning) return false;
    try {
      const marked = (await this.table.readInterrupted(this.db)).some((r) => r.revision === revision);
      if (marked && changesMade === 0) {
        // Its first statement failed: that DDL is atomic, and its implicit commit made only the mark durable.
        await this.table.write(this.db, this.table.clearRunning(revision));
        return false;
      }
      if (marked) await this.table.write(this.db, this.table.recordFailure(revision, reason));
      return marked;
    } catch {
      return true; // cannot tell: say what may have happened
    }
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
