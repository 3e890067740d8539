import { expect } from "chai";
import {
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  MissingDownRevisionError,
  RevisionCycleError,
  RevisionGraph,
} from "../../src";
import { SAMPLE } from "./sample-graph";

function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected an error");
}

describe("RevisionGraph", () => {
  const g = new RevisionGraph(SAMPLE);

  it("finds heads, bases, branch points and merges", () => {
    expect(g.heads()).to.have.members(["1a570001", "07e42222"]);
    expect(g.bases()).to.have.members(["aaaa1111", "07e41111"]);
    expect(g.branchPoints()).to.deep.equal(["abcd3333"]);
    expect(g.mergePoints()).to.deep.equal(["3e4e0001"]);
    expect(g.childrenOf("abcd3333")).to.have.members(["fea71111", "0a1b1111"]);
  });

  it("orders parents and dependencies first", () => {
    const pos = (id: string) => g.order.indexOf(id);
    for (const h of SAMPLE) {
      for (const p of g.prerequisites(h.revision)) expect(pos(p), `${p} before ${h.revision}`).to.be.lessThan(pos(h.revision));
    }
    expect(g.order).to.have.length(SAMPLE.length);
  });

  it("resolves a dependency given as a branch label", () => {
    const graph = new RevisionGraph([
      { revision: "r1", downRevision: null, branchLabels: "lib" },
      { revision: "r2", downRevision: null, dependsOn: ["lib"] },
    ]);
    expect(graph.get("r2").dependsOn).to.deep.equal(["r1"]);
  });

  it("labels cover the labelled revision's descendants and its ancestors up to the branch point", () => {
    expect([...g.labelMembers("feature")]).to.have.members(["fea71111", "fea72222", "3e4e0001", "1a570001"]);
    expect([...g.labelMembers("other")]).to.have.members(["07e41111", "07e42222"]);
    const chain = new RevisionGraph([
      { revision: "r1", downRevision: null },
      { revision: "r2", downRevision: "r1", branchLabels: ["x"] },
      { revision: "r3", downRevision: "r2" },
    ]);
    expect([...chain.labelMembers("x")]).to.have.members(["r1", "r2", "r3"]);
  });

  it("computes ancestors through dependencies and the heads of an applied set", () => {
    expect([...g.ancestors(["07e42222"], true)]).to.have.members(["07e42222", "07e41111", "aaaa2222", "aaaa1111"]);
    expect(g.headsOf(g.ancestors(["07e42222"], true))).to.have.members(["07e42222", "aaaa2222"]);
    expect(g.headsOf(g.ancestors(["3e4e0001"], true))).to.deep.equal(["3e4e0001"]);
  });

  describe("errors", () => {
    it("names a self-loop", () => {
      const e = thrown(() => new RevisionGraph([{ revision: "r1", downRevision: "r1" }]));
      expect(e).to.be.instanceOf(RevisionCycleError);
      expect(e.code).to.equal("revision_cycle");
      expect(e.message).to.contain("r1");
    });

    it("names every revision of a cycle", () => {
      const e = thrown(
        () =>
          new RevisionGraph([
            { revision: "r0", downRevision: null },
            { revision: "r1", downRevision: "r3" },
            { revision: "r2", downRevision: "r1" },
            { revision: "r3", downRevision: "r2" },
            { revision: "r4", downRevision: "r3" },
          ]),
      ) as RevisionCycleError;
      expect(e).to.be.instanceOf(RevisionCycleError);
      expect([...e.revisions]).to.have.members(["r1", "r2", "r3"]);
      expect(e.message).to.match(/r1/).and.match(/r2/).and.match(/r3/);
    });

    it("finds a cycle that goes through dependsOn", () => {
      const e = thrown(
        () =>
          new RevisionGraph([
            { revision: "a", downRevision: null, dependsOn: "b" },
            { revision: "b", downRevision: null, dependsOn: "a" },
          ]),
      ) as RevisionCycleError;
      expect([...e.revisions]).to.have.members(["a", "b"]);
    });

    it("names the file of a missing down revision", () => {
      const e = thrown(() => new RevisionGraph([{ revision: "r2", downRevision: "gone", file: "/m/002_r2.ts" }]));
      expect(e).to.be.instanceOf(MissingDownRevisionError);
      expect(e.code).to.equal("missing_down_revision");
      expect(e.message).to.contain("/m/002_r2.ts").and.contain('"gone"');
    });

    it("reports an unknown dependency", () => {
      const e = thrown(() => new RevisionGraph([{ revision: "r1", downRevision: null, dependsOn: "nope", file: "f.ts" }]));
      expect(e).to.be.instanceOf(MissingDownRevisionError);
      expect(e.message).to.contain("dependsOn");
    });

    it("names both files of a duplicate id", () => {
      const e = thrown(
        () =>
          new RevisionGraph([
            { revision: "r1", downRevision: null, file: "one.ts" },
            { revision: "r1", downRevision: null, file: "two.ts" },
          ]),
      );
      expect(e).to.be.instanceOf(DuplicateRevisionError);
      expect(e.code).to.equal("duplicate_revision");
      expect(e.message).to.contain("one.ts").and.contain("two.ts");
    });

    it("refuses a branch label used twice, or equal to a revision id", () => {
      const twice = thrown(
        () =>
          new RevisionGraph([
            { revision: "r1", downRevision: null, branchLabels: ["x"] },
            { revision: "r2", downRevision: null, branchLabels: ["x"] },
          ]),
      );
      expect(twice).to.be.instanceOf(DuplicateBranchLabelError);
      expect(twice.message).to.contain("r1").and.contain("r2");
      const clash = thrown(
        () =>
          new RevisionGraph([
            { revision: "r1", downRevision: null, branchLabels: ["r2"] },
            { revision: "r2", downRevision: "r1" },
          ]),
      );
      expect(clash).to.be.instanceOf(DuplicateBranchLabelError);
    });
  });
});
