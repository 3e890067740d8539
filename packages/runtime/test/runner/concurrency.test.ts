import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MigrationRunner, loadScriptDirectory, type MigrateResult } from "../../src";
import { startUpgrade, waitFor } from "../support/child-process";
import { testTables, versionRows } from "../support/database-state";
import { tableMigration, writeScriptDir, type MigrationSpec } from "../support/migration-files";

const SLEEP = "  await new Promise((resolve) => setTimeout(resolve, 150));";

/** Four revisions; each logs itself in t_log, so a revision applied twice shows up as two rows. */
function loggedChain(): MigrationSpec[] {
  const ids = ["c0c000000001", "c0c000000002", "c0c000000003", "c0c000000004"];
  return ids.map((id, i) => {
    const base = tableMigration(id, `c${i + 1}`, i === 0 ? null : ids[i - 1]!);
    return {
      ...base,
      up: [...(i === 0 ? ["CREATE TABLE t_log (revision VARCHAR(20) NOT NULL)"] : []), ...base.up, `INSERT INTO t_log (revision) VALUES ('${id}')`],
      down: [...base.down, ...(i === 0 ? ["DROP TABLE t_log"] : [`DELETE FROM t_log WHERE revision = '${id}'`])],
      upTail: SLEEP,
    };
  });
}

describeEachTarget(
  "runner: 4 concurrent `upgrade head` processes",
  (ctx) => {
    it("apply each revision exactly once; the losers wait for the lock", async function () {
      this.timeout(60_000);
      const dir = writeScriptDir(loggedChain());
      const runs = [1, 2, 3, 4].map(() => startUpgrade([ctx.db.url, dir, "head"]));
      const results = await Promise.all(runs.map((r) => r.done));
      for (const r of results) expect(r.code, r.stdout + r.stderr).to.equal(0);
      const parsed = results.map((r) => JSON.parse(r.stdout.trim()) as MigrateResult);
      const applied = parsed.flatMap((p) => p.revisions.map((x) => x.revision));
      expect(applied.sort()).to.deep.equal(["c0c000000001", "c0c000000002", "c0c000000003", "c0c000000004"]);
      expect(parsed.filter((p) => p.waitedForLock).length).to.be.at.least(1);
      for (const p of parsed.filter((x) => x.revisions.length === 0)) {
        expect(p.from).to.deep.equal(["c0c000000004"]);
      }
      const db = await connect(ctx.db.url);
      try {
        const log = await db.query<{ revision: string }>("SELECT revision FROM t_log");
        expect(log.map((r) => r.revision).sort()).to.deep.equal(["c0c000000001", "c0c000000002", "c0c000000003", "c0c000000004"]);
        expect(await versionRows(db)).to.deep.equal(["c0c000000004"]);
      } finally {
        await db.close();
      }
    });
  },
  { targets: ["postgres", "mariadb", "sqlite"] },
);

describeEachTarget(
  "runner: a process killed with SIGKILL in the middle of a revision",
  (ctx) => {
    let db: Queryable;
    before(async () => {
      db = await connect(ctx.db.url);
    });
    after(async () => {
      await db?.close();
    });

    it("leaves the database at the previous revision, and the next upgrade completes", async function () {
      this.timeout(60_000);
      const marker = join(mkdtempSync(join(tmpdir(), "retort-kill-")), "inside-r2");
      const dir = writeScriptDir([
        tableMigration("k00000000001", "k1", null),
        {
          revision: "k00000000002",
          downRevision: "k00000000001",
          up: ["CREATE TABLE t_half (id INTEGER PRIMARY KEY)", "INSERT INTO t_half (id) VALUES (1)", "CREATE TABLE t_half2 (id INTEGER PRIMARY KEY)"],
          down: ["DROP TABLE t_half2", "DROP TABLE t_half"],
          upTail: `  const marker = process.env.RETORT_TEST_MARKER;
  if (marker) {
    require("node:fs").writeFileSync(marker, "x");
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }`,
        },
      ]);
      const run = startUpgrade([ctx.db.url, dir, "head"], { RETORT_TEST_MARKER: marker });
      await waitFor(() => existsSync(marker), 20_000);
      run.child.kill("SIGKILL");
      const exit = await run.done;
      expect(exit.signal).to.equal("SIGKILL");

      expect(await versionRows(db)).to.deep.equal(["k00000000001"]);
      expect(await testTables(db)).to.deep.equal(["t_k1"]);

      const result = await new MigrationRunner({ db, scripts: await loadScriptDirectory(dir), lockTimeout: 20 }).upgrade("head");
      expect(result.revisions.map((r) => r.revision)).to.deep.equal(["k00000000002"]);
      expect(await versionRows(db)).to.deep.equal(["k00000000002"]);
      expect(await testTables(db)).to.deep.equal(["t_half", "t_half2", "t_k1"]);
    });
  },
  { targets: ["postgres", "sqlite", "sqlite3"] },
);
