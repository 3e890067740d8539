import {
  table,
  type MigrationBind,
  type MigrationOperations,
  type Operation,
  type TableOperation,
  type TableRef,
} from "@retort/core";
import {
  engineFor,
  alterPostgresColumn,
  inlineParams,
  quotingFor,
  renderOperation,
  SqliteBatchRequiredError,
  type RenderContext,
} from "@retort/dialects";
import { batchRecorder } from "./batch-recorder";
import { bulkInsertOnline } from "./bulk-insert";
import { tableModel, viewModel } from "./definitions";
import { needsLiveColumn, withLiveColumn } from "./live-column";
import { describeOperation, emitOutsideTransaction, needsNoTransaction, NoTransactionMixError, runOutsideTransaction } from "./no-transaction";
import type { OperationsContext } from "./operations-context";
import { runSqliteBatch, writeSqliteBatch } from "./sqlite-batch";
import { tableOperations } from "./table-operations";

export type { OperationsContext } from "./operations-context";
export { needsNoTransaction, NoTransactionMixError } from "./no-transaction";
export { SqliteForeignKeyViolationError, SqliteForeignKeysOnError, SqliteTableNotFoundError } from "./sqlite-batch";

/** A query function on the migration's connection; also `bind.query(...)` (core's MigrationBind). */
export type BindQuery = (<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<Row[]>) & MigrationBind;

/** The `op` object a migration receives: core's MigrationOperations, with a callable bind. */
export interface Operations extends MigrationOperations {
  getBind(): BindQuery;
  /** Every operation this object ran (or printed), in order: plain data for tests and logs. */
  readonly performed: readonly Operation[];
}

/**
 * The op API: each call becomes an Operation, rendered by the dialect's DDL renderers
 * and run on `ctx.db` (or handed to `ctx.emit` for `--sql`).
 */
export function createOperations(ctx: OperationsContext): Operations {
  const performed: Operation[] = [];
  /** Records an operation about to run; with `noTransactionStandsAlone`, refuses a mix (see NoTransactionMixError). */
  const record = (op: Operation): void => {
    if (ctx.noTransactionStandsAlone && !offline) {
      const alone = needsNoTransaction(op, ctx.dialect);
      const clash = performed.find((p) => needsNoTransaction(p, ctx.dialect) !== alone);
      if (clash) {
        const [concurrent, other] = alone ? [op, clash] : [clash, op];
        throw new NoTransactionMixError(describeOperation(concurrent), describeOperation(other), !alone);
      }
    }
    performed.push(op);
  };
  const offline = ctx.emit !== undefined;
  let serverVersion: string | null | undefined = ctx.serverVersion;

  async function renderContext(): Promise<RenderContext> {
    if (serverVersion === undefined) {
      const mysqlFamily = engineFor(ctx.dialect).family === "mysql";
      serverVersion = offline || !mysqlFamily ? null : String((await ctx.db.query<{ v: string }>("SELECT VERSION() AS v"))[0]?.v ?? "");
    }
    return { dialect: ctx.dialect, serverVersion };
  }

  async function runStatements(statements: readonly string[], op: Operation): Promise<void> {
    if (needsNoTransaction(op, ctx.dialect)) {
      if (ctx.emit) return emitOutsideTransaction(ctx.emit, statements);
      const run = async () => {
        for (const sql of statements) await ctx.db.query(sql);
      };
      return ctx.outsideTransaction ? ctx.outsideTransaction(run, statements) : runOutsideTransaction(ctx.db, statements);
    }
    for (const sql of statements) {
      if (ctx.emit) ctx.emit(sql);
      else await runOne(sql, op);
    }
  }

  /** SQLite's own DROP COLUMN refusal becomes the error that points at batchAlterTable. */
  async function runOne(sql: string, op: Operation): Promise<void> {
    try {
      await ctx.db.query(sql);
    } catch (e) {
      if (ctx.dialect === "sqlite" && op.kind === "dropColumn") {
        const reason = e instanceof Error ? e.message : String(e);
        throw new SqliteBatchRequiredError(op.table, `drop column "${op.column.name}" (${reason})`);
      }
      throw e;
    }
  }

  async function run(op: Operation, using?: string): Promise<void> {
    const live = op.kind === "alterColumn" && !offline && needsLiveColumn(op, ctx.dialect) ? await withLiveColumn(ctx.db, op) : op;
    record(live);
    const rc = await renderContext();
    const statements = live.kind === "alterColumn" && using !== undefined && ctx.dialect === "postgres"
      ? alterPostgresColumn(live, using)
      : renderOperation(live, rc);
    await runStatements(statements, live);
  }

  const runAll = async (ops: readonly Operation[]) => {
    for (const op of ops) await run(op);
  };
  const ref = (name: string, options?: { schema?: string }): TableRef => ({ schema: options?.schema ?? null, table: name });
  const on = (name: string, options?: { schema?: string }) => tableOperations(ref(name, options), ctx.dialect);

  const bind = Object.assign(<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => ctx.db.query<Row>(sql, params), {
    query: <Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => ctx.db.query<Row>(sql, params),
  }) as BindQuery;

  return {
    performed,
    createTable: (name, columns, options) => run({ kind: "createTable", table: tableModel(name, columns, options ?? {}, ctx.dialect) }),
    dropTable: (name, options) => run({ kind: "dropTable", table: table(name, { schema: options?.schema ?? null }) }),
    renameTable: (name, newName, options) => run({ kind: "renameTable", ...ref(name, options), newName }),
    setTableComment: (name, comment, options) =>
      run({ kind: "alterTableComment", ...ref(name, options), comment: { from: options?.existingComment ?? null, to: comment } }),
    addColumn: (name, column, options) => runAll(on(name, options).addColumn(column)),
    dropColumn: (name, column, options) => run(on(name, options).dropColumn(column)),
    alterColumn: (name, column, changes, options) => run(on(name, options).alterColumn(column, changes), changes.using),
    createIndex: (name, tableName, parts, options) => run(on(tableName, options).createIndex(name, parts, options)),
    dropIndex: (name, tableName, options) => run(on(tableName, options).dropIndex(name, options?.concurrently ?? false)),
    createPrimaryKey: (name, tableName, columns, options) => run(on(tableName, options).createPrimaryKey(name, columns)),
    createUniqueConstraint: (name, tableName, columns, options) =>
      run(on(tableName, options).createUniqueConstraint(name, columns, options?.deferrable)),
    createForeignKey: (name, tableName, fk, options) => run(on(tableName, options).createForeignKey(name, fk)),
    createCheckConstraint: (name, tableName, expression, options) =>
      run(on(tableName, options).createCheckConstraint(name, expression)),
    dropConstraint: (name, tableName, type, options) => run(on(tableName, options).dropConstraint(name, type, options?.implicitIndex)),
    createExclusionConstraint: (name, tableName, expression, options) =>
      run({ kind: "createExclusionConstraint", ...ref(tableName, options), exclusion: { name, expression } }),
    dropExclusionConstraint: (name, tableName, options) =>
      run({ kind: "dropExclusionConstraint", ...ref(tableName, options), exclusion: { name, expression: options?.existingExpression ?? "" } }),
    createExtension: (name) => run({ kind: "createExtension", extension: { name } }),
    dropExtension: (name, options) =>
      run({ kind: "dropExtension", extension: { name }, onlyIfCreatedByRetort: options?.onlyIfCreatedByRetort === true }),
    createEnum: (name, values, options) => run({ kind: "createEnum", enumType: { schema: options?.schema ?? null, name, values } }),
    dropEnum: (name, options) => run({ kind: "dropEnum", enumType: { schema: options?.schema ?? null, name, values: [] } }),
    alterEnum: (name, values, options) =>
      run({ kind: "alterEnum", schema: options.schema ?? null, name, values: { from: options.existingValues, to: values } }),
    createView: (name, definition, options) => run({ kind: "createView", view: viewModel(name, definition, options) }),
    dropView: (name, options) => run({ kind: "dropView", view: viewModel(name, options?.existingDefinition ?? "", options) }),
    replaceView: (name, definition, options) =>
      run({
        kind: "replaceView",
        view: {
          from: viewModel(name, options.existingDefinition, {
            schema: options.schema,
            materialized: options.existingMaterialized,
            indexes: options.existingIndexes,
          }),
          to: viewModel(name, definition, options),
        },
      }),
    refreshMaterializedView: (name, options) => run({ kind: "refreshMaterializedView", schema: options?.schema ?? null, name }),
    async batchAlterTable(name, body, options) {
      const operations: TableOperation[] = [];
      const usings = new Map<TableOperation, string>();
      await body(batchRecorder(on(name, options), operations, usings));
      const op = { kind: "batchAlterTable" as const, ...ref(name, options), operations, recreate: options?.recreate ?? "auto" };
      // PostgreSQL and MySQL ALTER anything in place: each op runs as its own (live-checked) statement.
      if (ctx.dialect !== "sqlite") {
        for (const inner of operations) await run(inner, usings.get(inner));
        return;
      }
      const runInPlace = async (inPlace: readonly TableOperation[]) => {
        for (const inner of inPlace) await runStatements(renderOperation(inner, await renderContext()), inner);
      };
      if (offline) {
        if (!ctx.shadow) return run(op);
        record(op);
        return writeSqliteBatch(ctx.shadow, op, ctx.emit!, runInPlace);
      }
      record(op);
      await runSqliteBatch(ctx.db, op, runInPlace);
    },
    async execute(sql, params = []) {
      record({ kind: "execute", sql, params });
      if (ctx.emit) ctx.emit(inlineParams(sql, params, quotingFor(ctx.dialect)));
      else await ctx.db.query(sql, params);
    },
    async bulkInsert(name, rows, options) {
      const op = { kind: "bulkInsert" as const, ...ref(name, options), rows };
      if (offline) return run(op);
      record(op);
      await bulkInsertOnline(ctx.db, op, rows);
    },
    getBind: () => bind,
  };
}
