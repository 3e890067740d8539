import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { appendFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  InvalidLockTimeoutError,
  LockTimeoutError,
  MigrationFailedError,
  MigrationRunner,
  UnknownDatabaseRevisionError,
  acquireMigrationLock,
  downgradeSql,
  loadScriptDirectory,
  upgradeSql,
} from "../../src";
import { testTables, versionRows } from "../support/database-state";
import { IDS, chainSpecs, tableMigration, writeScriptDir } from "../support/migration-files";

describeEachTarget("runner: failures, checksums, locks and offline SQL", (ctx) => {
  let extra: TestDatabase | undefined;
  let db: Queryable;
  const transactional = () => ctx.target.family !== "mysql";

  beforeEach(async () => {
    extra = await createTestDatabase(ctx.target);
    db = await connect(extra.url);
  });
  afterEach(async () => {
    await db?.close();
    await extra?.drop();
  });

  function failingDir(): string {
    return writeScriptDir([
      tableMigration("rev000000001", "ok", null),
      {
        revision: "rev000000002",
        downRevision: "rev000000001",
        up: ["CREATE TABLE t_half (id INTEGER PRIMARY KEY)", "SELECT * FROM no_such_table"],
        down: ["DROP TABLE t_half"],
      },
    ]);
  }

  it("a failing revision names itself and the state the database is in", async () => {
    const runner = new MigrationRunner({ db, scripts: await loadScriptDirectory(failingDir()) });
    const err = await runner.upgrade("head").catch((e: unknown) => e);
    expect(err).to.be.instanceOf(MigrationFailedError);
    const failed = err as MigrationFailedError;
    expect(failed.code).to.equal("migration_failed");
    expect(failed.revision).to.equal("rev000000002");
    expect(failed.message).to.contain("rev000000002");
    expect(failed.message).to.contain(transactional() ? "the database is at rev000000001" : "version table still says rev000000001");
    expect(await versionRows(db)).to.deep.equal(["rev000000001"]);
    if (transactional()) {
      expect(failed.rolledBack).to.equal(true);
      expect(await testTables(db)).to.deep.equal(["t_ok"]);
    } else {
      // MySQL/MariaDB committed the CREATE TABLE implicitly; the message says so.
      expect(failed.rolledBack).to.equal(false);
      expect(failed.message).to.contain("NOT rolled back");
      expect(await testTables(db)).to.deep.equal(["t_half", "t_ok"]);
    }
  });

  it("a failing downgrade names the revision and leaves its version row", async () => {
    const dir = writeScriptDir([
      tableMigration("dwn000000001", "d1", null),
      { revision: "dwn000000002", downRevision: "dwn000000001", up: ["CREATE TABLE t_d2 (id INTEGER PRIMARY KEY)"], down: ["DROP TABLE t_nope"] },
    ]);
    const runner = new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) });
    await runner.upgrade("head");
    const err = (await runner.downgrade("base").catch((e: unknown) => e)) as MigrationFailedError;
    expect(err).to.be.instanceOf(MigrationFailedError);
    expect(err.direction).to.equal("downgrade");
    expect(err.message).to.match(/^Downgrade of revision dwn000000002/);
    expect(await versionRows(db)).to.deep.equal(["dwn000000002"]);
    expect(await testTables(db)).to.deep.equal(["t_d1", "t_d2"]);
  });

  it("with one transaction per run, a failure rolls the whole run back (per revision on MySQL/MariaDB)", async () => {
    const runner = new MigrationRunner({ db, scripts: await loadScriptDirectory(failingDir()), transactionPerMigration: false });
    const err = (await runner.upgrade("head").catch((e: unknown) => e)) as MigrationFailedError;
    expect(err).to.be.instanceOf(MigrationFailedError);
    if (transactional()) {
      expect(err.databaseHeads).to.deep.equal([]);
      expect(await versionRows(db)).to.deep.equal([]);
      expect(await testTables(db)).to.deep.equal([]);
    } else {
      // DDL commits at once there, so the version row is still written per revision.
      expect(err.databaseHeads).to.deep.equal(["rev000000001"]);
      expect(await versionRows(db)).to.deep.equal(["rev000000001"]);
    }
  });

  it("one transaction per run applies the whole chain", async () => {
    const runner = new MigrationRunner({ db, scripts: await loadScriptDirectory(writeScriptDir(chainSpecs())), transactionPerMigration: false });
    const result = await runner.upgrade("heads");
    expect(result.revisions).to.have.length(8);
    expect(await testTables(db)).to.have.length(8);
  });

  it("a database revision no script has suggests stamp --purge, which fixes it", async () => {
    const scripts = await loadScriptDirectory(writeScriptDir(chainSpecs()));
    const runner = new MigrationRunner({ db, scripts });
    await runner.upgrade(IDS.r1);
    await db.query(`INSERT INTO ${ctx.target.family === "mysql" ? "`retort_version`" : '"retort_version"'} (version_num) VALUES ('deadbeef0000')`);
    const err = await runner.upgrade("heads").catch((e: unknown) => e);
    expect(err).to.be.instanceOf(UnknownDatabaseRevisionError);
    expect((err as Error).message).to.contain("deadbeef0000").and.contain("stamp").and.contain("--purge");
    expect(await runner.current().catch((e: unknown) => e)).to.be.instanceOf(UnknownDatabaseRevisionError);
    const stamped = await runner.stamp(IDS.r1, { purge: true });
    expect([...stamped.from].sort()).to.deep.equal([IDS.r1, "deadbeef0000"].sort());
    expect(stamped.to).to.deep.equal([IDS.r1]);
    expect((await runner.upgrade(IDS.r2)).to).to.deep.equal([IDS.r2]);
  });

  it("warns when an applied migration was edited afterwards", async () => {
    const dir = writeScriptDir(chainSpecs());
    await new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) }).upgrade(IDS.r2);
    const clean = await new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) }).current({ verbose: true });
    expect(clean.warnings).to.deep.equal([]);
    const r1File = readdirSync(dir).find((f) => f.includes(IDS.r1))!;
    appendFileSync(join(dir, r1File), "\n// edited after it ran\n");
    const runner = new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) });
    const current = await runner.current({ verbose: true });
    expect(current.warnings.map((w) => w.revision)).to.deep.equal([IDS.r1]);
    expect(current.warnings[0]!.message).to.contain("edited after it was applied");
    expect((await runner.current()).warnings).to.deep.equal([]);
    const up = await runner.upgrade("feature@head");
    expect(up.warnings.map((w) => w.revision)).to.deep.equal([IDS.r1]);
  });

  it("waits for the migration lock, reports the wait, and times out with a clean error", async () => {
    const scripts = await loadScriptDirectory(writeScriptDir(chainSpecs()));
    const holder = await connect(extra!.url);
    try {
      const held = await acquireMigrationLock(holder, { timeoutSeconds: 1, versionTable: "retort_version" });
      const started = Date.now();
      const err = await new MigrationRunner({ db, scripts, lockTimeout: 1 }).upgrade(IDS.r1).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(LockTimeoutError);
      expect((err as LockTimeoutError).code).to.equal("lock_timeout");
      expect(Date.now() - started).to.be.at.least(900);
      expect(await testTables(db)).to.deep.equal([]);
      setTimeout(() => void held.release(), 400);
      const result = await new MigrationRunner({ db, scripts, lockTimeout: 10 }).upgrade(IDS.r1);
      expect(result.waitedForLock).to.equal(true);
      expect(result.waitedMs).to.be.at.least(300);
      expect(await testTables(db)).to.deep.equal(["t_r1"]);
    } finally {
      await holder.close();
    }
  });

  it("offline SQL, run by hand, gives the same state as the runner", async () => {
    const scripts = await loadScriptDirectory(writeScriptDir(chainSpecs()));
    const dialect = db.dialect;
    const up = await upgradeSql({ scripts, dialect }, "heads");
    expect(up.revisions).to.have.length(8);
    expect(up.sql).to.contain("CREATE TABLE IF NOT EXISTS").and.contain("INSERT INTO").and.contain("CREATE TABLE t_mg");
    for (const sql of up.statements.filter((s) => !s.startsWith("--"))) await db.query(sql);
    const runner = new MigrationRunner({ db, scripts });
    expect((await runner.current()).heads.map((h) => h.revision).sort()).to.deep.equal([IDS.r3, IDS.o1].sort());
    expect(await testTables(db)).to.have.length(8);
    expect((await runner.current({ verbose: true })).warnings).to.deep.equal([]);

    const partial = await upgradeSql({ scripts, dialect }, `${IDS.r2}:${IDS.mg}`);
    expect([...partial.revisions].sort()).to.deep.equal([IDS.f1, IDS.f2, IDS.m1, IDS.mg].sort());
    // From a revision the version tables exist; only MySQL's in-progress table may be new.
    const creates = partial.statements.filter((s) => s.startsWith("CREATE TABLE IF NOT EXISTS"));
    expect(creates.filter((s) => !s.includes("retort_version_running"))).to.deep.equal([]);

    expect(() => downgradeSql({ scripts, dialect }, "base")).to.throw(/from:to/);
    const down = await downgradeSql({ scripts, dialect }, "heads:base");
    for (const sql of down.statements.filter((s) => !s.startsWith("--"))) await db.query(sql);
    expect(await testTables(db)).to.deep.equal([]);
    expect(await versionRows(db)).to.deep.equal([]);
  });
});

describe("migration lock: a timeout that is not a number of seconds", () => {
  // Issue 10, item 18: NaN never timed out and polled about 650 times a second.
  for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
    it(`refuses ${bad} before polling`, async () => {
      const db = await connect("sqlite::memory:");
      try {
        const err = await acquireMigrationLock(db, { timeoutSeconds: bad, versionTable: "retort_version" }).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(InvalidLockTimeoutError);
        expect((err as Error).message).to.include("lockTimeout").and.include(String(bad));
      } finally {
        await db.close();
      }
    });
  }
});
