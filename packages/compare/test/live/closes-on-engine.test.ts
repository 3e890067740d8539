import { expect } from "chai";
import { applyOperations, type Operation, type Queryable, type SchemaModel, type TableOperation } from "@retort/core";
import { connect, introspect, planSqliteRebuild, renderOperation, sqliteAltersInPlace } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestTarget } from "@retort/testing";
import { compareSchemas, describeLine, describeOperations } from "../../src";
import { CASES } from "./live-cases";
import { BASE_SHAPE, shapeDdl, type Shape } from "./shape-ddl";

const TABLE_OPS: ReadonlySet<string> = new Set([
  "addColumn", "dropColumn", "alterColumn", "createIndex", "dropIndex", "createUniqueConstraint",
  "createForeignKey", "createCheckConstraint", "createPrimaryKey", "dropConstraint", "alterTableComment",
]);

/** On SQLite, as codegen writes them: each run of one table's operations in a batchAlterTable block. */
function batched(ops: readonly Operation[]): Operation[] {
  const out: Operation[] = [];
  for (const op of ops) {
    if (!TABLE_OPS.has(op.kind)) {
      out.push(op);
      continue;
    }
    const t = op as TableOperation;
    const last = out[out.length - 1];
    if (last?.kind === "batchAlterTable" && last.schema === t.schema && last.table === t.table) {
      out[out.length - 1] = { ...last, operations: [...last.operations, t] };
    } else out.push({ kind: "batchAlterTable", schema: t.schema, table: t.table, operations: [t], recreate: "auto" });
  }
  return out;
}

/**
 * Runs one operation as the runtime does: SQLite batches ALTER in place when they can,
 * else move-and-copy with foreign keys off (the runtime's runSqliteBatch, minus its checks).
 */
async function run(db: Queryable, op: Operation): Promise<void> {
  if (op.kind === "batchAlterTable" && !op.operations.every(sqliteAltersInPlace)) {
    const current = await introspect(db, { includeName: (n, type) => type !== "table" || n === op.table });
    const before = current.tables.find((t) => t.name === op.table);
    if (!before) throw new Error(`table ${op.table} not found`);
    await db.query("PRAGMA foreign_keys = OFF");
    const objects = await db.query<{ type: string; name: string; tbl_name: string; sql: string }>(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'trigger', 'view') AND sql IS NOT NULL ORDER BY rowid",
    );
    const live = {
      tableSql: objects.find((o) => o.type === "table" && o.name === op.table)?.sql ?? "",
      triggers: objects.filter((o) => o.type === "trigger" && o.tbl_name === op.table).map((o) => o.sql),
      views: objects.filter((o) => o.type === "view").map((o) => ({ name: o.name, sql: o.sql })),
    };
    for (const sql of planSqliteRebuild(before, op.operations, live).statements) await db.query(sql);
    await db.query("PRAGMA foreign_keys = ON");
    return;
  }
  const inner = op.kind === "batchAlterTable" ? op.operations : [op];
  for (const o of inner) for (const sql of renderOperation(o, { dialect: db.dialect, serverVersion: null })) await db.query(sql);
}

async function withDatabase<T>(target: TestTarget, statements: readonly string[], body: (db: Queryable) => Promise<T>): Promise<T> {
  const test = await createTestDatabase(target);
  const db = await connect(test.url);
  try {
    for (const sql of statements) await db.query(sql);
    return await body(db);
  } finally {
    await db.close();
    await test.drop();
  }
}

/**
 * The end-to-end promise: the operations compareSchemas gives, rendered by the dialect
 * and run on the real engine in their order, turn the database into the target — a
 * fresh compare finds nothing left.
 */
describeEachTarget("compareSchemas' operations, run on the engine, close the diff", (ctx) => {
  const family = ctx.target.family;
  for (const c of CASES.filter((x) => !x.families || x.families.includes(family))) {
    for (const [direction, from, to] of [
      ["forward", c.actual ?? {}, c.target],
      ["backward", c.target, c.actual ?? {}],
    ] as const) {
      it(`${c.title} (${direction})`, async () => {
        const shape = (s: Partial<Shape>): Shape => ({ ...BASE_SHAPE, ...s });
        const target: SchemaModel = await withDatabase(ctx.target, shapeDdl(family, shape(to)), (db) => introspect(db));
        const { left, offlineVsLive } = await withDatabase(ctx.target, shapeDdl(family, shape(from)), async (db) => {
          const before = await introspect(db);
          const ops = compareSchemas(target, before);
          expect(ops).not.to.deep.equal([]);
          for (const op of family === "sqlite" ? batched(ops) : ops) await run(db, op);
          const after = await introspect(db);
          // The pure twin: applying the ops to the model offline gives what the engine has now.
          return { left: compareSchemas(target, after), offlineVsLive: compareSchemas(applyOperations(before, ops), after) };
        });
        expect(describeOperations(left).map(describeLine)).to.deep.equal([]);
        expect(describeOperations(offlineVsLive).map(describeLine)).to.deep.equal([]);
      });
    }
  }
});
