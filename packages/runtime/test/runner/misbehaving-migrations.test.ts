import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { startUpgrade } from "../support/child-process";
import { testTables, versionRows } from "../support/database-state";
import { tableMigration, writeScriptDir, type MigrationSpec } from "../support/migration-files";

/**
 * Issue 10, items 7 and 8: migrations that do not await their op calls, reject promises
 * nobody handles, or wait forever. Each runs in a child process, as the CLI would: the
 * run must end with exit 2, one clear error, and the revision rolled back (committed DDL
 * on MySQL/MariaDB is named as such).
 */
describeEachTarget("runner: migrations that misbehave with promises", (ctx) => {
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

  const first = tableMigration("p00000000001", "p1", null);
  const second = (upTail: string): MigrationSpec => ({ revision: "p00000000002", downRevision: "p00000000001", up: [], down: [], upTail });

  async function upgradeInChild(specs: MigrationSpec[]): Promise<{ code: number | null; error: { code: string; message: string }; stderr: string; ms: number }> {
    const started = Date.now();
    const run = startUpgrade([extra!.url, writeScriptDir(specs), "head"]);
    const timer = setTimeout(() => run.child.kill("SIGKILL"), 30_000);
    const exit = await run.done;
    clearTimeout(timer);
    expect(exit.signal, "the child hung and was killed").to.equal(null);
    const doc = JSON.parse(exit.stdout.trim() || "{}") as { error?: { code: string; message: string } };
    expect(doc.error, `expected an error, got ${exit.stdout}${exit.stderr}`).to.not.equal(undefined);
    return { code: exit.code, error: doc.error!, stderr: exit.stderr, ms: Date.now() - started };
  }

  it("an op call that is not awaited and fails fails its revision (7)", async function () {
    this.timeout(40_000);
    const { code, error, stderr } = await upgradeInChild([
      first,
      second(`  op.execute("CREATE TABLE t_unawaited (id INTEGER PRIMARY KEY)");\n  op.execute("SELECT * FROM no_such_table");`),
    ]);
    expect(code).to.equal(2);
    expect(error.code).to.equal("migration_failed");
    expect(error.message).to.include("p00000000002").and.include('op.execute("SELECT * FROM no_such_table") was not awaited and failed').and.include("no_such_table");
    expect(stderr).to.equal("");
    expect(await versionRows(db)).to.deep.equal(["p00000000001"]);
    expect(await testTables(db)).to.deep.equal(transactional() ? ["t_p1"] : ["t_p1", "t_unawaited"]);
  });

  it("an op call made after the migration returned is refused and fails the run (7)", async function () {
    this.timeout(40_000);
    const { code, error } = await upgradeInChild([
      { ...first, upTail: `  setTimeout(() => op.execute("CREATE TABLE t_late (id INTEGER PRIMARY KEY)"), 50);` },
      { ...tableMigration("p00000000002", "p2", "p00000000001"), upTail: "  await new Promise((resolve) => setTimeout(resolve, 400));" },
    ]);
    expect(code).to.equal(2);
    expect(error.message).to.include("p00000000001").and.include('op.execute("CREATE TABLE t_late').and.include("after its function had returned").and.include("It was not run");
    expect(await versionRows(db)).to.deep.equal(["p00000000001"]);
    expect(await testTables(db)).to.deep.equal(transactional() ? ["t_p1"] : ["t_p1", "t_p2"]);
  });

  it("a stray rejected promise fails the revision instead of crashing the process (7)", async function () {
    this.timeout(40_000);
    const { code, error, stderr } = await upgradeInChild([
      first,
      second(`  void Promise.reject(new Error("boom from a stray promise"));\n  await op.execute("CREATE TABLE t_stray (id INTEGER PRIMARY KEY)");`),
    ]);
    expect(code).to.equal(2);
    expect(error.code).to.equal("migration_failed");
    expect(error.message).to.include("boom from a stray promise").and.include("no handler");
    expect(stderr).to.equal("");
    expect(await versionRows(db)).to.deep.equal(["p00000000001"]);
    expect(await testTables(db)).to.deep.equal(transactional() ? ["t_p1"] : ["t_p1", "t_stray"]);
  });

  it("a promise that never settles is detected, rolled back and reported (8)", async function () {
    this.timeout(40_000);
    const { code, error, ms } = await upgradeInChild([
      first,
      second(`  await op.execute("CREATE TABLE t_waits (id INTEGER PRIMARY KEY)");\n  await new Promise(() => undefined);`),
    ]);
    expect(code).to.equal(2);
    expect(error.code).to.equal("migration_failed");
    expect(error.message).to.include("p00000000002").and.include("can never settle");
    expect(error.message).to.include(transactional() ? "rolled back" : "NOT rolled back");
    expect(ms).to.be.below(15_000);
    expect(await versionRows(db)).to.deep.equal(["p00000000001"]);
    expect(await testTables(db)).to.deep.equal(transactional() ? ["t_p1"] : ["t_p1", "t_waits"]);
  });
});
