/**
 * Runs one migration function (a revision's upgrade or downgrade) so that what it leaves
 * behind cannot slip past the runner:
 * - an `op` call nobody awaited that fails fails the revision (before, it was lost, the
 *   revision was recorded as applied on SQLite, and the rejection crashed the process);
 * - an `op` call made after the function returned is refused and fails the run;
 * - a promise rejected with no handler while it runs fails the revision;
 * - a function waiting on a promise that can never settle fails the revision (settle-watch.ts).
 * The runner then rolls back as for any failed revision.
 */
import type { Queryable } from "@retort/core";
import type { MigrationOp } from "./operations-port";
import { watchForNeverSettling } from "./settle-watch";
import { LateOperationError, NeverSettlingMigrationError, StrayRejectionError, UnawaitedOperationError } from "./step-errors";

const nativeThen = Promise.prototype.then;

/**
 * The promise an op call returns: it notes whether anyone looked at it (`await` calls
 * `then` on a Promise subclass), so an unobserved failure can be told from one the
 * migration caught on purpose.
 */
class ObservedPromise<T> extends Promise<T> {
  observed = false;
  static override get [Symbol.species]() {
    return Promise;
  }
  override then<A = T, B = never>(onOk?: ((v: T) => A | PromiseLike<A>) | null, onErr?: ((e: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.observed = true;
    return super.then(onOk, onErr);
  }
}

interface Call {
  readonly label: string;
  /** What the migration got (and may await). */
  readonly promise: ObservedPromise<unknown>;
  /** The op's own promise: waited on here without marking `promise` observed. */
  readonly inner: Promise<unknown>;
  failure?: unknown;
}

/** A statement that only reads (the op API looks at the catalog before some ALTERs). */
const isRead = (sql: string) => /^\s*(select|show|with|pragma|describe|explain)\b/i.test(sql);

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Problems found after a revision's function ended, shared by a run (late calls outlive their step). */
export interface RunGuard {
  readonly late: LateOperationError[];
}

export class StepGuard {
  private readonly calls: Call[] = [];
  private inFlight = 0;
  private closed = false;
  /** The connection the migration's op uses: counts its queries in flight. */
  readonly db: Queryable;
  /**
   * Statements that succeeded and may have changed something (anything but a read). While
   * it is 0 on MySQL/MariaDB, a failing statement left nothing behind: their DDL is atomic.
   */
  changesMade = 0;

  constructor(
    raw: Queryable,
    private readonly revision: string,
    private readonly run: RunGuard,
  ) {
    const count = async <R>(work: () => Promise<R>): Promise<R> => {
      this.inFlight++;
      try {
        return await work();
      } finally {
        this.inFlight--;
      }
    };
    this.db = {
      dialect: raw.dialect,
      query: async <Row>(sql: string, params?: readonly unknown[]) => {
        const rows = await count(() => raw.query<Row>(sql, params));
        if (!isRead(sql)) this.changesMade++;
        return rows;
      },
      close: () => raw.close(),
    };
  }

  /** The op object handed to the migration: every method call is tracked. */
  operations(op: MigrationOp): MigrationOp {
    return new Proxy(op, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== "function") return value;
        if (key === "getBind") return () => this.track("bind", (target.getBind as () => (...a: unknown[]) => unknown)());
        return this.wrap(`op.${String(key)}`, (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
  }

  /** A bind function (callable and `.query`) whose calls are tracked too. */
  private track(label: string, bind: ((...a: unknown[]) => unknown) & { query?: (...a: unknown[]) => unknown }): unknown {
    const wrapped = this.wrap(label, bind);
    return Object.assign(wrapped, { query: this.wrap(`${label}.query`, (...a: unknown[]) => bind.query!(...a)) });
  }

  private wrap(name: string, fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
    return (...args: unknown[]) => {
      const label = `${name}(${args.length > 0 && typeof args[0] === "string" ? JSON.stringify(args[0].length > 60 ? `${args[0].slice(0, 60)}…` : args[0]) : ""})`;
      if (this.closed) {
        this.run.late.push(new LateOperationError(this.revision, label));
        return this.settledLater(Promise.reject(new LateOperationError(this.revision, label)), label, false);
      }
      let result: unknown;
      try {
        result = fn(...args);
      } catch (e) {
        return this.settledLater(Promise.reject(e), label, true);
      }
      return result instanceof Promise ? this.settledLater(result, label, true) : result;
    };
  }

  /** Wraps a call's promise: recorded, never an unhandled rejection of its own. */
  private settledLater(inner: Promise<unknown>, label: string, record: boolean): ObservedPromise<unknown> {
    const outer = new ObservedPromise<unknown>((resolve, reject) => nativeThen.call(inner, resolve, reject));
    nativeThen.call(outer, undefined, () => undefined); // handled here; `observed` stays false
    if (record) {
      const call: Call = { label, promise: outer, inner };
      nativeThen.call(inner, undefined, (e: unknown) => (call.failure = e ?? new Error("rejected")));
      this.calls.push(call);
    }
    return outer;
  }

  /** Runs the migration function and everything it left running; throws the first problem. */
  async execute(body: () => unknown): Promise<void> {
    const strays: unknown[] = [];
    const onStray = (reason: unknown) => strays.push(reason);
    process.on("unhandledRejection", onStray);
    let stuck: (e: Error) => void = () => undefined;
    const neverSettles = new Promise<never>((_, reject) => (stuck = reject));
    const stopWatch = watchForNeverSettling(() => this.inFlight, () => stuck(new NeverSettlingMigrationError(this.revision)));
    try {
      let failure: { error: unknown } | undefined;
      try {
        await Promise.race([Promise.resolve().then(body), neverSettles]);
      } catch (e) {
        failure = { error: e };
      }
      this.closed = true;
      if (!(failure?.error instanceof NeverSettlingMigrationError)) {
        await Promise.allSettled(this.calls.map((c) => c.inner));
      }
      await new Promise((resolve) => setImmediate(resolve)); // let Node report unhandled rejections first
      if (failure) throw failure.error;
      const unawaited = this.calls.find((c) => c.failure !== undefined && !c.promise.observed);
      if (unawaited) throw new UnawaitedOperationError(this.revision, unawaited.label, reasonOf(unawaited.failure));
      if (strays.length > 0) throw new StrayRejectionError(this.revision, reasonOf(strays[0]));
      if (this.run.late.length > 0) throw this.run.late[0]!;
    } finally {
      stopWatch();
      process.off("unhandledRejection", onStray);
    }
  }
}
