import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { MigrationFailedError, MigrationRunner, loadScriptDirectory } from "../../src";
import { testTables, versionRows } from "../support/database-state";
import { tableMigration, writeScriptDir, type MigrationSpec } from "../support/migration-files";

/**
 * Issue 10, item 6: CREATE INDEX CONCURRENTLY commits on its own. A revision mixing it
 * with other operations is refused; when a revision with one fails, the message says
 * exactly what was committed and what the version table holds.
 */
describeEachTarget(
  "runner: PostgreSQL CONCURRENTLY operations",
  (ctx) => {
    let extra: TestDatabase | undefined;
    let db: Queryable;
    beforeEach(async () => {
      extra = await createTestDatabase(ctx.target);
      db = await connect(extra.url);
    });
    afterEach(async () => {
      await db?.close();
      await extra?.drop();
    });

    const a1 = tableMigration("a10000000001", "a", null, { up: ["CREATE TABLE t_a (id INTEGER PRIMARY KEY, v INTEGER)", "INSERT INTO t_a VALUES (1, 7), (2, 7)"] });
    const concurrently = (revision: string, down: string, tail: string): MigrationSpec => ({ revision, downRevision: down, up: [], down: [], upTail: tail });
    const index = (unique = false) => `  await (op as any).createIndex("t_a_v_idx", "t_a", ["v"], { concurrently: true${unique ? ", unique: true" : ""} });`;
    const indexes = async () => (await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 't_a' AND indexname = 't_a_v_idx'")).map((r) => r.indexname);
    const fail = async (runner: MigrationRunner) => (await runner.upgrade("head").catch((e: unknown) => e)) as MigrationFailedError;

    it("refuses a revision mixing CONCURRENTLY with other operations, before committing anything", async () => {
      const dir = writeScriptDir([a1, concurrently("c10000000001", "a10000000001", `  await op.execute("CREATE TABLE t_c (id INTEGER PRIMARY KEY)");\n${index()}`)]);
      const err = await fail(new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) }));
      expect(err).to.be.instanceOf(MigrationFailedError);
      expect(err.message).to.include("must be the only kind of operation in its revision").and.include("nothing of this revision was committed");
      expect(err.message).to.include("the database is at a10000000001, with nothing of c10000000001 applied");
      expect(err.committed).to.deep.equal([]);
      expect(await testTables(db)).to.deep.equal(["t_a"]);
      expect(await indexes()).to.deep.equal([]);
    });

    it("an operation after a committed CONCURRENTLY one is refused, and the message names what was committed", async () => {
      const dir = writeScriptDir([a1, concurrently("c10000000001", "a10000000001", `${index()}\n  await op.execute("CREATE TABLE t_c (id INTEGER PRIMARY KEY)");`)]);
      const err = await fail(new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) }));
      expect(err.message).to.include("must be the only kind of operation");
      expect(err.message).not.to.include("nothing of c10000000001 applied");
      expect(err.message).to.include('Committed before the failure, outside any transaction (PostgreSQL cannot run CONCURRENTLY in one): CREATE INDEX CONCURRENTLY "t_a_v_idx" ON "t_a" ("v");');
      expect(err.message).to.include("the version table says a10000000001").and.include("retort stamp c10000000001");
      expect(err.committed).to.have.length(1);
      expect(await versionRows(db)).to.deep.equal(["a10000000001"]);
      expect(await indexes()).to.deep.equal(["t_a_v_idx"]);
      expect(await testTables(db)).to.deep.equal(["t_a"]);
    });

    it("a failed CREATE UNIQUE INDEX CONCURRENTLY: nothing committed, and the INVALID index it leaves is named", async () => {
      const dir = writeScriptDir([a1, concurrently("c10000000001", "a10000000001", index(true))]);
      const err = await fail(new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) }));
      expect(err.message).to.include("nothing of c10000000001 applied").and.include('PostgreSQL left the index "t_a_v_idx" behind, marked INVALID').and.include('DROP INDEX CONCURRENTLY "t_a_v_idx"');
      expect(await versionRows(db)).to.deep.equal(["a10000000001"]);
    });

    it("with one transaction per run, the message names the revisions the CONCURRENTLY commit made durable", async () => {
      const dir = writeScriptDir([
        a1,
        concurrently("c10000000001", "a10000000001", index()),
        { revision: "d10000000001", downRevision: "c10000000001", up: ["SELECT * FROM no_such_table"], down: [] },
      ]);
      const err = await fail(new MigrationRunner({ db, scripts: await loadScriptDirectory(dir), transactionPerMigration: false }));
      expect(err.revision).to.equal("d10000000001");
      expect(err.databaseHeads).to.deep.equal(["c10000000001"]);
      expect(err.message).to.include("the database is at c10000000001, with nothing of d10000000001 applied");
      expect(await versionRows(db)).to.deep.equal(["c10000000001"]);
      expect(await indexes()).to.deep.equal(["t_a_v_idx"]);

      const failing = writeScriptDir([a1, concurrently("c10000000001", "a10000000001", index(true))]);
      const other = await createTestDatabase(ctx.target);
      const db2 = await connect(other.url);
      try {
        const err2 = await fail(new MigrationRunner({ db: db2, scripts: await loadScriptDirectory(failing), transactionPerMigration: false }));
        // a1 was committed by the COMMIT before CREATE INDEX CONCURRENTLY: the message said "base" before.
        expect(err2.databaseHeads).to.deep.equal(["a10000000001"]);
        expect(err2.message).to.include("the database is at a10000000001");
        expect(await versionRows(db2)).to.deep.equal(["a10000000001"]);
      } finally {
        await db2.close();
        await other.drop();
      }
    });
  },
  { targets: ["postgres"] },
);
