import { expect } from "chai";
import { DowngradeTargetError, RevisionGraph, planDowngrade, planUpgrade, resolveTarget, stampHeads } from "../../src";
import { SAMPLE } from "./sample-graph";

const g = new RevisionGraph(SAMPLE);

describe("planUpgrade / planDowngrade", () => {
  it("upgrades a branch target with its parents, nothing else", () => {
    expect(planUpgrade(g, ["abcd3333"], resolveTarget(g, "feature@+2", ["abcd3333"])).map((s) => s.revision)).to.deep.equal([
      "fea71111",
      "fea72222",
    ]);
    const steps = planUpgrade(g, ["aaaa1111"], resolveTarget(g, "fea72222"));
    expect(steps.map((s) => s.revision)).to.deep.equal(["aaaa2222", "abcd3333", "fea71111", "fea72222"]);
    expect(steps[0]!.headsBefore).to.deep.equal(["aaaa1111"]);
    expect(steps[3]!.headsAfter).to.deep.equal(["fea72222"]);
  });

  it("heads apply both branches, the merge and the dependency, each once", () => {
    const steps = planUpgrade(g, [], resolveTarget(g, "heads"));
    const ids = steps.map((s) => s.revision);
    expect(ids).to.have.length(SAMPLE.length);
    expect(new Set(ids).size).to.equal(SAMPLE.length);
    const last = steps[steps.length - 1]!;
    expect(last.headsAfter).to.have.members(["1a570001", "07e42222"]);
  });

  it("tracks one row per branch head, and the merge collapses them", () => {
    const steps = planUpgrade(g, ["abcd3333"], resolveTarget(g, "3e4e0001"));
    const afterBoth = steps.find((s) => s.revision === "3e4e0001")!;
    expect(afterBoth.headsBefore).to.have.members(["fea72222", "0a1b2222"]);
    expect(afterBoth.headsAfter).to.deep.equal(["3e4e0001"]);
  });

  it("an applied target is a no-op upgrade", () => {
    expect(planUpgrade(g, ["1a570001"], resolveTarget(g, "abcd3333"))).to.deep.equal([]);
  });

  it("downgrades children first, down to the target", () => {
    const steps = planDowngrade(g, ["1a570001"], resolveTarget(g, "abcd3333"), "abcd3333");
    const ids = steps.map((s) => s.revision);
    expect(ids[0]).to.equal("1a570001");
    expect(ids[1]).to.equal("3e4e0001");
    expect(ids).to.have.members(["1a570001", "3e4e0001", "fea72222", "fea71111", "0a1b2222", "0a1b1111"]);
    expect(steps[steps.length - 1]!.headsAfter).to.deep.equal(["abcd3333"]);
    expect(steps[1]!.headsAfter).to.have.members(["fea72222", "0a1b2222"]);
  });

  it("downgrading below a revision also removes what depends on it", () => {
    const steps = planDowngrade(g, ["1a570001", "07e42222"], { kind: "below", revision: "aaaa2222" }, "x");
    const ids = steps.map((s) => s.revision);
    expect(ids).to.include("07e42222");
    expect(ids).not.to.include("07e41111");
    expect(steps[steps.length - 1]!.headsAfter).to.have.members(["aaaa1111", "07e41111"]);
  });

  it("base removes everything; an unapplied target is refused", () => {
    expect(planDowngrade(g, ["0a1b2222"], { kind: "base" }, "base").map((s) => s.revision)).to.deep.equal([
      "0a1b2222",
      "0a1b1111",
      "abcd3333",
      "aaaa2222",
      "aaaa1111",
    ]);
    expect(() => planDowngrade(g, ["0a1b2222"], resolveTarget(g, "fea71111"), "fea71111")).to.throw(DowngradeTargetError, /not applied/);
  });

  it("a downgrade naming a branch leaves the other branches alone", () => {
    const heads = ["fea71111", "0a1b2222"];
    const steps = planDowngrade(g, heads, resolveTarget(g, "feature@-1", heads), "feature@-1");
    expect(steps.map((s) => s.revision)).to.deep.equal(["fea71111"]);
    expect(steps[0]!.headsAfter).to.deep.equal(["0a1b2222"]);
    const unscoped = planDowngrade(g, heads, resolveTarget(g, "abcd3333"), "abcd3333");
    expect(unscoped.map((s) => s.revision)).to.have.members(["fea71111", "0a1b2222", "0a1b1111"]);
    const viaMerge = planDowngrade(g, ["1a570001"], resolveTarget(g, "feature@base"), "feature@base");
    expect(viaMerge.map((s) => s.revision)).to.have.members(["1a570001", "3e4e0001", "fea72222", "fea71111"]);
    expect(viaMerge[viaMerge.length - 1]!.headsAfter).to.deep.equal(["0a1b2222"]);
  });

  it("stamp moves the heads either way", () => {
    expect(stampHeads(g, [], resolveTarget(g, "fea72222"), "x")).to.deep.equal(["fea72222"]);
    expect(stampHeads(g, ["fea72222"], resolveTarget(g, "0a1b1111"), "x")).to.have.members(["fea72222", "0a1b1111"]);
    expect(stampHeads(g, ["1a570001"], resolveTarget(g, "abcd3333"), "x")).to.deep.equal(["abcd3333"]);
    expect(stampHeads(g, ["1a570001"], { kind: "base" }, "base")).to.deep.equal([]);
  });
});
