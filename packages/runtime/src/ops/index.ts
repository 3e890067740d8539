/**
 * PLACEHOLDER written by the runner's engineer so the runner builds before the real
 * operation API lands. The ops engineer owns this folder and replaces this file.
 *
 * The runner (../runner) depends only on: `createOperations(ctx)` with
 * `ctx = { db, dialect, emit? }`, and on the returned object's `execute(sql, params?)`
 * and `getBind()`. Keep those three names and shapes.
 */
import type { DialectName, Queryable } from "@retort/core";

export interface OperationsContext {
  /** The migration's own connection (inside its transaction). Offline: a stub that refuses queries. */
  readonly db: Queryable;
  readonly dialect: DialectName;
  /** Offline `--sql` mode: statements go here instead of to the database. */
  readonly emit?: (sql: string) => void;
}

export type BindQuery = <Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<Row[]>;

export interface Operations {
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
  getBind(): BindQuery;
}

export function createOperations(ctx: OperationsContext): Operations {
  return {
    async execute(sql, params) {
      if (ctx.emit) ctx.emit(sql);
      else await ctx.db.query(sql, params);
    },
    getBind() {
      return (sql, params) => ctx.db.query(sql, params);
    },
  };
}
