import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { InvalidLockTimeoutError, MigrationFailedError, MigrationRunner, loadScriptDirectory } from "../../src";
import { testTables, versionRows } from "../support/database-state";
import { tableMigration, writeScriptDir } from "../support/migration-files";

/**
 * Issue 10, item 8: an ALTER stuck behind another session's lock waited forever
 * (PostgreSQL, MySQL/MariaDB) or for the driver's default (SQLite). `ddlLockTimeout`
 * makes it fail after that many seconds, rolled back, with a message saying why.
 */
describeEachTarget("runner: ddlLockTimeout", (ctx) => {
  let extra: TestDatabase | undefined;
  let db: Queryable;
  let holder: Queryable;
  beforeEach(async () => {
    extra = await createTestDatabase(ctx.target);
    db = await connect(extra.url);
    holder = await connect(extra.url);
  });
  afterEach(async () => {
    await holder?.query("ROLLBACK").catch(() => undefined);
    await holder?.close();
    await db?.close();
    await extra?.drop();
  });

  const dir = () =>
    writeScriptDir([
      tableMigration("l00000000001", "locked", null),
      { revision: "l00000000002", downRevision: "l00000000001", up: ["CREATE TABLE t_other (id INTEGER PRIMARY KEY)", "ALTER TABLE t_locked ADD COLUMN extra INTEGER"], down: [] },
    ]);

  /** Another session that holds a lock the ALTER needs, as an application's open transaction would. */
  async function holdLock(): Promise<void> {
    if (ctx.target.family === "sqlite") await holder.query("BEGIN IMMEDIATE");
    else {
      await holder.query(ctx.target.family === "mysql" ? "START TRANSACTION" : "BEGIN");
      await holder.query("SELECT * FROM t_locked");
    }
  }

  it("a statement waiting longer than ddlLockTimeout fails the revision, rolled back, saying why", async function () {
    this.timeout(30_000);
    const scripts = await loadScriptDirectory(dir());
    await new MigrationRunner({ db, scripts }).upgrade("l00000000001");
    await holdLock();
    const started = Date.now();
    const runner = new MigrationRunner({ db, scripts, ddlLockTimeout: 1 });
    const outcome = await Promise.race([
      runner.upgrade("head").catch((e: unknown) => e),
      new Promise((resolve) => setTimeout(() => resolve("still waiting after 10 s"), 10_000)),
    ]);
    const elapsed = Date.now() - started;
    await holder.query("ROLLBACK");
    expect(outcome).to.be.instanceOf(MigrationFailedError);
    const err = outcome as MigrationFailedError;
    expect(err.message).to.include("l00000000002").and.include("ddlLockTimeout (1 s)");
    expect(elapsed).to.be.at.least(900).and.below(4_000);
    expect(await versionRows(db)).to.deep.equal(["l00000000001"]);
    if (ctx.target.family !== "mysql") expect(await testTables(db)).to.deep.equal(["t_locked"]);
    else {
      // MySQL committed the CREATE TABLE before the ALTER: undone by hand and stamped, as the message says.
      expect(err.message).to.include("NOT rolled back").and.include("retort stamp l00000000001");
      expect(await testTables(db)).to.deep.equal(["t_locked", "t_other"]);
      await db.query("DROP TABLE t_other");
      await new MigrationRunner({ db, scripts }).stamp("l00000000001");
    }
    // The setting was the run's only: the connection waits as before afterwards.
    expect((await new MigrationRunner({ db, scripts }).upgrade("head")).to).to.deep.equal(["l00000000002"]);
  });

  it("refuses a timeout that is not a number of seconds", async () => {
    const err = await new MigrationRunner({ db, scripts: await loadScriptDirectory(dir()), ddlLockTimeout: Number.NaN }).upgrade("head").catch((e: unknown) => e);
    expect(err).to.be.instanceOf(InvalidLockTimeoutError);
    expect((err as Error).message).to.include("ddlLockTimeout");
  });
});
