import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { MigrationRunner, MultipleHeadsError, loadScriptDirectory, type RevisionProgress } from "../../src";
import { testTables, versionRows } from "../support/database-state";
import { IDS, chainSpecs, writeScriptDir } from "../support/migration-files";

const { r1, r2, f1, f2, m1, mg, r3, o1 } = IDS;
const TABLE_OF: Record<string, string> = { [r1]: "t_r1", [r2]: "t_r2", [f1]: "t_f1", [f2]: "t_f2", [m1]: "t_m1", [mg]: "t_mg", [r3]: "t_r3", [o1]: "t_o1" };

/** Each step: a command, its target, and the heads and applied revisions expected after it. */
const STEPS: readonly { cmd: "upgrade" | "downgrade" | "stamp"; target: string; heads: string[]; applied: string[] }[] = [
  { cmd: "upgrade", target: r1, heads: [r1], applied: [r1] },
  { cmd: "upgrade", target: "+1", heads: [r2], applied: [r1, r2] },
  { cmd: "upgrade", target: "feature@+1", heads: [f1], applied: [r1, r2, f1] },
  { cmd: "upgrade", target: "b000", heads: [f1, m1], applied: [r1, r2, f1, m1] },
  { cmd: "upgrade", target: "feature@head", heads: [r3], applied: [r1, r2, f1, f2, m1, mg, r3] },
  { cmd: "upgrade", target: "other@head", heads: [r3, o1], applied: [r1, r2, f1, f2, m1, mg, r3, o1] },
  { cmd: "downgrade", target: "other@-1", heads: [r3], applied: [r1, r2, f1, f2, m1, mg, r3] },
  { cmd: "downgrade", target: "-1", heads: [mg], applied: [r1, r2, f1, f2, m1, mg] },
  { cmd: "downgrade", target: `${f1}@feature`, heads: [f1, m1], applied: [r1, r2, f1, m1] },
  // Naming the branch unapplies only the feature branch's revisions: m1 stays.
  { cmd: "downgrade", target: "feature@-1", heads: [m1], applied: [r1, r2, m1] },
  { cmd: "upgrade", target: "feature@+2", heads: [f2, m1], applied: [r1, r2, f1, f2, m1] },
  { cmd: "upgrade", target: `${m1}+1`, heads: [mg], applied: [r1, r2, f1, f2, m1, mg] },
  { cmd: "upgrade", target: "heads", heads: [r3, o1], applied: [r1, r2, f1, f2, m1, mg, r3, o1] },
  { cmd: "downgrade", target: "feature@base", heads: [m1, o1], applied: [r1, r2, m1, o1] },
  { cmd: "downgrade", target: "a1b2c3d40001", heads: [r1], applied: [r1] },
  { cmd: "upgrade", target: "mg@head".replace("mg", mg), heads: [r3], applied: [r1, r2, f1, f2, m1, mg, r3] },
  { cmd: "downgrade", target: "base", heads: [], applied: [] },
];

describeEachTarget("runner: a chain with branches and a merge", async (ctx) => {
  let db: Queryable;
  let dir: string;
  const progress: RevisionProgress[] = [];
  const started: string[] = [];
  const runner = async () =>
    new MigrationRunner({
      db,
      scripts: await loadScriptDirectory(dir),
      onRevision: (p) => progress.push(p),
      onRevisionStart: (s) => started.push(s.revision),
    });

  before(async () => {
    dir = writeScriptDir(chainSpecs());
    db = await connect(ctx.db.url);
  });
  after(async () => {
    await db?.close();
  });

  it("upgrade head with two heads refuses before applying anything", async () => {
    const err = await (await runner()).upgrade("head").catch((e: unknown) => e);
    expect(err).to.be.instanceOf(MultipleHeadsError);
    expect((err as Error).message).to.contain("heads").and.contain("@head");
    expect(await testTables(db)).to.deep.equal([]);
    expect(await versionRows(db)).to.deep.equal([]);
  });

  for (const step of STEPS) {
    it(`${step.cmd} ${step.target}`, async () => {
      progress.length = 0;
      started.length = 0;
      const r = await runner();
      const result = step.cmd === "stamp" ? await r.stamp(step.target) : await r[step.cmd](step.target);
      expect([...result.to].sort()).to.deep.equal([...step.heads].sort());
      expect(await versionRows(db)).to.deep.equal([...step.heads].sort());
      expect(await testTables(db)).to.deep.equal(step.applied.map((id) => TABLE_OF[id]).sort());
      if ("revisions" in result) {
        expect(progress.map((p) => p.revision)).to.deep.equal(result.revisions.map((p) => p.revision));
        expect(started).to.deep.equal(progress.map((p) => p.revision));
        if (progress.length > 0) expect(progress[progress.length - 1]!.to).to.deep.equal(result.to);
        for (const p of progress) expect(p.ms).to.be.a("number").and.to.be.at.least(0);
        expect(result.waitedForLock).to.equal(false);
      }
      const current = await r.current();
      expect(current.heads.map((h) => h.revision).sort()).to.deep.equal([...step.heads].sort());
    });
  }

  it("stamp moves the version table without running migrations", async () => {
    const r = await runner();
    await r.upgrade("heads");
    const before = await testTables(db);
    const down = await r.stamp(r2);
    // o1 depends on r1 only, so it stays applied.
    expect([...down.to].sort()).to.deep.equal([r2, o1].sort());
    expect(await versionRows(db)).to.deep.equal([r2, o1].sort());
    expect(await testTables(db)).to.deep.equal(before);
    await r.stamp("heads");
    expect(await versionRows(db)).to.deep.equal([r3, o1].sort());
    await r.downgrade("base");
    expect(await testTables(db)).to.deep.equal([]);
  });

  it("history, heads, branches and show describe the graph", async () => {
    const r = await runner();
    await r.upgrade(f2);
    const h = await r.history({ indicateCurrent: true });
    expect(h.revisions).to.have.length(8);
    expect(h.revisions.filter((x) => x.isCurrent).map((x) => x.revision)).to.deep.equal([f2]);
    const ranged = await r.history({ range: `${r2}:${mg}` });
    expect(ranged.revisions.map((x) => x.revision).sort()).to.deep.equal([r2, f1, f2, m1, mg].sort());
    expect((await r.history({ range: "current:" })).revisions.map((x) => x.revision)).to.include.members([f2, mg, r3]);
    expect((await r.heads()).heads.map((x) => x.revision).sort()).to.deep.equal([r3, o1].sort());
    const branches = await r.branches();
    expect(branches.branchPoints.map((b) => b.revision.revision)).to.deep.equal([r2]);
    expect(branches.branchPoints[0]!.children.map((c) => c.revision).sort()).to.deep.equal([f1, m1].sort());
    expect((await r.show("e000")).revision).to.equal(o1);
    const shown = await r.show("feature");
    expect(shown.revision).to.equal(f1);
    expect(shown.branchLabels).to.deep.equal(["feature"]);
    expect(shown.source).to.contain("CREATE TABLE t_f1");
    await r.downgrade("base");
  });
});
