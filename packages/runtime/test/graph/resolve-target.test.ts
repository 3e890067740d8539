import { expect } from "chai";
import {
  AmbiguousRevisionError,
  InvalidTargetError,
  MultipleHeadsError,
  RevisionGraph,
  UnknownRevisionError,
  resolveRevision,
  resolveTarget,
  type Destination,
} from "../../src";
import { SAMPLE } from "./sample-graph";

const g = new RevisionGraph(SAMPLE);
const revs = (...ids: string[]): Destination => ({ kind: "revisions", ids });
const onBranch = (branch: string, ...ids: string[]): Destination => ({ kind: "revisions", ids, branch });

function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected an error");
}

describe("resolveTarget", () => {
  it("full ids, unique prefixes and labels", () => {
    expect(resolveTarget(g, "abcd3333")).to.deep.equal(revs("abcd3333"));
    expect(resolveTarget(g, "abcd")).to.deep.equal(revs("abcd3333"));
    expect(resolveTarget(g, "fea72")).to.deep.equal(revs("fea72222"));
    expect(resolveTarget(g, "feature")).to.deep.equal(revs("fea71111"));
    expect(resolveRevision(g, "1a57")).to.equal("1a570001");
  });

  it("lists the candidates of an ambiguous prefix", () => {
    const e = thrown(() => resolveTarget(g, "aaaa")) as AmbiguousRevisionError;
    expect(e).to.be.instanceOf(AmbiguousRevisionError);
    expect(e.code).to.equal("ambiguous_revision");
    expect([...e.candidates]).to.have.members(["aaaa1111", "aaaa2222"]);
    expect(e.message).to.contain("aaaa1111").and.contain("aaaa2222");
  });

  it("needs at least 4 characters for a prefix", () => {
    expect(thrown(() => resolveTarget(g, "abc"))).to.be.instanceOf(UnknownRevisionError);
    expect(thrown(() => resolveTarget(g, "ffffffff")).code).to.equal("unknown_revision");
  });

  it("base, heads, and head with a single head", () => {
    expect(resolveTarget(g, "base")).to.deep.equal({ kind: "base" });
    expect((resolveTarget(g, "heads") as { ids: readonly string[] }).ids).to.have.members(["1a570001", "07e42222"]);
    const single = new RevisionGraph(SAMPLE.slice(0, 9));
    expect(resolveTarget(single, "head")).to.deep.equal(revs("1a570001"));
  });

  it("head with several heads suggests heads and label@head", () => {
    const e = thrown(() => resolveTarget(g, "head")) as MultipleHeadsError;
    expect(e).to.be.instanceOf(MultipleHeadsError);
    expect(e.code).to.equal("multiple_heads");
    expect(e.message).to.contain("`heads`").and.contain("label@head").and.contain("1a570001").and.contain("07e42222");
    expect(e.message).to.contain("feature").and.contain("other");
  });

  it("label@head and rev@head", () => {
    expect(resolveTarget(g, "feature@head")).to.deep.equal(revs("1a570001"));
    expect(resolveTarget(g, "other@head")).to.deep.equal(revs("07e42222"));
    expect(resolveTarget(g, "0a1b1111@head")).to.deep.equal(revs("1a570001"));
    // other2 only depends on rev2: it is not a head "above" the main chain.
    expect(resolveTarget(g, "aaaa1111@head")).to.deep.equal(revs("1a570001"));
    expect(thrown(() => resolveTarget(new RevisionGraph(SAMPLE.slice(0, 7)), "abcd@head"))).to.be.instanceOf(MultipleHeadsError);
  });

  it("label@heads and rev@heads list every head above", () => {
    expect(resolveTarget(g, "aaaa1111@heads")).to.deep.equal(revs("1a570001"));
    const forked = new RevisionGraph(SAMPLE.slice(0, 7));
    expect((resolveTarget(forked, "abcd@heads") as { ids: readonly string[] }).ids).to.have.members(["fea72222", "0a1b2222"]);
    expect(resolveTarget(forked, "feature@heads")).to.deep.equal(revs("fea72222"));
  });

  it("label@base is the state before the branch's first revision", () => {
    expect(resolveTarget(g, "other@base")).to.deep.equal({ kind: "below", revision: "07e41111", branch: "other" });
    expect(resolveTarget(g, "feature@base")).to.deep.equal({ kind: "below", revision: "fea71111", branch: "feature" });
  });

  it("rev@label and label@rev check the branch", () => {
    expect(resolveTarget(g, "fea72222@feature")).to.deep.equal(onBranch("feature", "fea72222"));
    expect(resolveTarget(g, "feature@fea72")).to.deep.equal(onBranch("feature", "fea72222"));
    expect(thrown(() => resolveTarget(g, "0a1b1111@feature")).message).to.contain("not on branch");
    expect(thrown(() => resolveTarget(g, "0a1b1111@nolabel"))).to.be.instanceOf(InvalidTargetError);
  });

  it("+N and -N from the database's revision", () => {
    expect(thrown(() => resolveTarget(g, "+1", []))).to.be.instanceOf(MultipleHeadsError);
    const chain = new RevisionGraph(SAMPLE.slice(0, 3));
    expect(resolveTarget(chain, "+1", [])).to.deep.equal(revs("aaaa1111"));
    expect(resolveTarget(chain, "+2", ["aaaa1111"])).to.deep.equal(revs("abcd3333"));
    expect(resolveTarget(chain, "-1", ["abcd3333"])).to.deep.equal(revs("aaaa2222"));
    expect(resolveTarget(chain, "-3", ["abcd3333"])).to.deep.equal({ kind: "below", revision: "aaaa1111" });
    expect(thrown(() => resolveTarget(chain, "-4", ["abcd3333"]))).to.be.instanceOf(InvalidTargetError);
    expect(thrown(() => resolveTarget(chain, "+2", ["aaaa2222"])).message).to.contain("only 1");
    expect(thrown(() => resolveTarget(chain, "-1", [])).message).to.contain("at base");
  });

  it("+N across a branch point asks for a label", () => {
    const single = new RevisionGraph(SAMPLE.slice(0, 9));
    const e = thrown(() => resolveTarget(single, "+1", ["abcd3333"]));
    expect(e).to.be.instanceOf(MultipleHeadsError);
    expect(e.message).to.contain("@+N");
  });

  it("-N with several database heads asks for label@-N", () => {
    const e = thrown(() => resolveTarget(g, "-1", ["fea72222", "0a1b2222"]));
    expect(e).to.be.instanceOf(MultipleHeadsError);
    expect(e.message).to.contain("@-1");
  });

  it("-N past a merge asks for an explicit revision", () => {
    expect(thrown(() => resolveTarget(g, "-2", ["1a570001", "07e42222", "aaaa2222"].slice(0, 1))).message).to.contain("merges");
  });

  it("label@+N and label@-N walk within the branch", () => {
    const current = ["abcd3333"];
    expect(resolveTarget(g, "feature@+1", current)).to.deep.equal(onBranch("feature", "fea71111"));
    expect(resolveTarget(g, "feature@+2", current)).to.deep.equal(onBranch("feature", "fea72222"));
    expect(resolveTarget(g, "feature@-1", ["fea72222", "0a1b2222"])).to.deep.equal(onBranch("feature", "fea71111"));
    expect(resolveTarget(g, "other@+1", [])).to.deep.equal(onBranch("other", "07e41111"));
    expect(resolveTarget(g, "other@-1", ["07e41111"])).to.deep.equal({ kind: "below", revision: "07e41111", branch: "other" });
  });

  it("<rev>+N and <rev>-N walk from a revision", () => {
    expect(resolveTarget(g, "aaaa1111+2")).to.deep.equal(revs("abcd3333"));
    expect(resolveTarget(g, "fea72222-1")).to.deep.equal(revs("fea71111"));
    expect(resolveTarget(g, "feature+1")).to.deep.equal(revs("fea72222"));
    expect(resolveTarget(g, "fea71111@+1")).to.deep.equal(revs("fea72222"));
  });

  it("refuses relative targets offline", () => {
    expect(thrown(() => resolveTarget(g, "+1")).message).to.contain("from:to");
  });

  it("refuses an empty target", () => {
    expect(thrown(() => resolveTarget(g, " "))).to.be.instanceOf(InvalidTargetError);
  });
});
