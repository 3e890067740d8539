import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InterruptedRevisionError, MigrationFailedError, MigrationRunner, loadScriptDirectory, upgradeSql } from "../../src";
import { startUpgrade, waitFor } from "../support/child-process";
import { testTables, versionRows } from "../support/database-state";
import { tableMigration, writeScriptDir } from "../support/migration-files";

/**
 * Issue 10, item 5: on MySQL/MariaDB each DDL statement commits at once, so a revision
 * killed half-way left part of its DDL behind with no trace. Now it is marked while it
 * runs; current, upgrade and check say what happened and how to recover.
 */
describeEachTarget(
  "runner: a non-transactional revision that does not finish",
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

    it("killed with SIGKILL mid-revision: current reports it, upgrade refuses, stamp resolves it", async function () {
      this.timeout(60_000);
      const marker = join(mkdtempSync(join(tmpdir(), "retort-kill-")), "inside-k2");
      const dir = writeScriptDir([
        tableMigration("k00000000001", "k1", null),
        {
          revision: "k00000000002",
          downRevision: "k00000000001",
          up: ["CREATE TABLE t_half (id INTEGER PRIMARY KEY)", "INSERT INTO t_half (id) VALUES (1)"],
          down: ["DROP TABLE t_half"],
          upTail: `  require("node:fs").writeFileSync(process.env.RETORT_TEST_MARKER, "x");
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  await op.execute("CREATE TABLE t_never (id INTEGER PRIMARY KEY)");`,
        },
      ]);
      const run = startUpgrade([extra!.url, dir, "head"], { RETORT_TEST_MARKER: marker });
      await waitFor(() => existsSync(marker), 20_000);
      run.child.kill("SIGKILL");
      expect((await run.done).signal).to.equal("SIGKILL");

      // The DDL committed; the version table still says k1.
      expect(await versionRows(db)).to.deep.equal(["k00000000001"]);
      expect(await testTables(db)).to.deep.equal(["t_half", "t_k1"]);

      const scripts = await loadScriptDirectory(dir);
      const runner = () => new MigrationRunner({ db, scripts, lockTimeout: 20 });
      const current = await runner().current();
      expect(current.heads.map((h) => h.revision)).to.deep.equal(["k00000000001"]);
      expect(current.interrupted).to.have.length(1);
      expect(current.interrupted[0]).to.deep.include({ revision: "k00000000002", direction: "upgrade", failure: null });
      expect(current.interrupted[0]!.headsBefore).to.deep.equal(["k00000000001"]);

      const refused = await runner().upgrade("head").catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(InterruptedRevisionError);
      expect((refused as Error).message)
        .to.include("k00000000002")
        .and.include("did not finish")
        .and.include("retort stamp k00000000001")
        .and.include("retort stamp k00000000002");
      expect(await testTables(db)).to.deep.equal(["t_half", "t_k1"]);

      // Undo by hand, stamp the revision before it, and the upgrade runs again from there.
      await db.query("DROP TABLE t_half");
      await runner().stamp("k00000000001");
      const resolved = await runner().current();
      expect(resolved.interrupted).to.deep.equal([]);
      expect(resolved.heads.map((h) => h.revision)).to.deep.equal(["k00000000001"]);
    });

    it("a revision failing after DDL is marked with its error; one failing before any DDL is rolled back and not marked", async () => {
      const dir = writeScriptDir([
        tableMigration("f00000000001", "f1", null),
        { revision: "f00000000002", downRevision: "f00000000001", up: ["INSERT INTO t_f1 (id) VALUES (1)", "SELECT * FROM no_such_table"], down: [] },
      ]);
      const scripts = await loadScriptDirectory(dir);
      const runner = () => new MigrationRunner({ db, scripts });
      const dataOnly = (await runner().upgrade("head").catch((e: unknown) => e)) as MigrationFailedError;
      expect(dataOnly).to.be.instanceOf(MigrationFailedError);
      expect(dataOnly.rolledBack).to.equal(true);
      expect(dataOnly.message).to.include("nothing of f00000000002 applied");
      expect((await runner().current()).interrupted).to.deep.equal([]);
      expect(await db.query("SELECT id FROM t_f1")).to.deep.equal([]);

      const ddl = writeScriptDir([
        tableMigration("g00000000001", "g1", null),
        { revision: "g00000000002", downRevision: "g00000000001", up: ["CREATE TABLE t_g2 (id INTEGER PRIMARY KEY)", "SELECT * FROM no_such_table"], down: [] },
      ]);
      const ddlScripts = await loadScriptDirectory(ddl);
      const db2Runner = () => new MigrationRunner({ db, scripts: ddlScripts, versionTable: "v2" });
      const failed = (await db2Runner().upgrade("head").catch((e: unknown) => e)) as MigrationFailedError;
      expect(failed.rolledBack).to.equal(false);
      expect(failed.message).to.include("NOT rolled back").and.include("marked as interrupted").and.include("retort stamp g00000000001");
      const current = await db2Runner().current();
      expect(current.interrupted.map((r) => r.revision)).to.deep.equal(["g00000000002"]);
      expect(current.interrupted[0]!.failure).to.include("no_such_table");
      const refused = await db2Runner().upgrade("head").catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(InterruptedRevisionError);
      expect((refused as Error).message).to.include("failed (").and.include("no_such_table");
      // Finish by hand = keep t_g2 and stamp the revision.
      await db2Runner().stamp("g00000000002");
      const after = await db2Runner().current();
      expect(after.interrupted).to.deep.equal([]);
      expect(after.heads.map((h) => h.revision)).to.deep.equal(["g00000000002"]);
    });
  },
  { targets: ["mariadb"] },
);

describeEachTarget(
  "runner: transactional engines mark nothing",
  (ctx) => {
    it("no _running table, and current reports nothing interrupted", async () => {
      const db = await connect(ctx.db.url);
      try {
        const runner = new MigrationRunner({ db, scripts: await loadScriptDirectory(writeScriptDir([tableMigration("n00000000001", "n1", null)])) });
        await runner.upgrade("head");
        expect((await runner.current()).interrupted).to.deep.equal([]);
        expect(await testTables(db)).to.deep.equal(["t_n1"]);
      } finally {
        await db.close();
      }
    });
  },
  { targets: ["postgres", "sqlite"] },
);

/** The same mark from an offline `--sql` script run by the DBA's own client. */
describeEachTarget(
  "runner: an --sql script on MySQL/MariaDB marks each revision while it runs",
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

    /** Runs the script's statements in order and stops at the first error, as `mysql < script.sql` does. */
    async function runScript(statements: readonly string[]): Promise<unknown> {
      for (const sql of statements) {
        if (sql.startsWith("--")) continue;
        try {
          await db.query(sql);
        } catch (e) {
          return e;
        }
      }
      return undefined;
    }

    it("a script stopped half-way is reported by current and refused by upgrade; a whole one leaves no mark", async () => {
      const dir = writeScriptDir([
        tableMigration("s00000000001", "s1", null),
        {
          revision: "s00000000002",
          downRevision: "s00000000001",
          up: ["CREATE TABLE t_half (id INTEGER PRIMARY KEY)", "INSERT INTO t_no_such_table (id) VALUES (1)"],
          down: ["DROP TABLE t_half"],
        },
      ]);
      const scripts = await loadScriptDirectory(dir);
      const script = await upgradeSql({ scripts, dialect: db.dialect }, "head");
      expect(script.sql).to.include("retort_version_running");
      expect(await runScript(script.statements)).to.be.instanceOf(Error);

      const runner = () => new MigrationRunner({ db, scripts, lockTimeout: 20 });
      const current = await runner().current();
      expect(current.heads.map((h) => h.revision)).to.deep.equal(["s00000000001"]);
      expect(current.interrupted.map((r) => r.revision)).to.deep.equal(["s00000000002"]);
      expect(current.interrupted[0]!.startedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(await runner().upgrade("head").catch((e: unknown) => e)).to.be.instanceOf(InterruptedRevisionError);

      // Resolved as documented; then a script that runs to the end leaves nothing marked.
      await db.query("DROP TABLE t_half");
      await runner().stamp("s00000000001");
      const fixed = writeScriptDir([
        tableMigration("s00000000001", "s1", null),
        { revision: "s00000000002", downRevision: "s00000000001", up: ["CREATE TABLE t_half (id INTEGER PRIMARY KEY)"], down: ["DROP TABLE t_half"] },
      ]);
      const rest = await upgradeSql({ scripts: await loadScriptDirectory(fixed), dialect: db.dialect }, "s00000000001:head");
      expect(await runScript(rest.statements)).to.equal(undefined);
      const after = await new MigrationRunner({ db, scripts: await loadScriptDirectory(fixed), lockTimeout: 20 }).current();
      expect(after.interrupted).to.deep.equal([]);
      expect(after.heads.map((h) => h.revision)).to.deep.equal(["s00000000002"]);
    });
  },
  { targets: ["mariadb"] },
);
