import { expect } from "chai";
import fc from "fast-check";
import { RevisionGraph, appliedSet, planDowngrade, planUpgrade, resolveTarget, type RevisionHeader } from "../../src";

/** Random DAGs: revision i picks its parents (and maybe a dependency) among 0..i-1. */
const dagArb = fc.integer({ min: 1, max: 14 }).chain((n) =>
  fc
    .tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          parents: i === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: 2 }),
          dep: i === 0 ? fc.constant<number | null>(null) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: null }),
        }),
      ),
    )
    .map((specs) =>
      specs.map(
        (s, i): RevisionHeader => ({
          revision: `r${String(i).padStart(2, "0")}`,
          downRevision: s.parents.map((p) => `r${String(p).padStart(2, "0")}`),
          dependsOn: s.dep === null || s.parents.includes(s.dep) ? [] : [`r${String(s.dep).padStart(2, "0")}`],
        }),
      ),
    ),
);

describe("plans on random graphs", () => {
  it("upgrade to heads applies every revision once, prerequisites first; downgrade to base undoes all in reverse", () => {
    fc.assert(
      fc.property(dagArb, fc.nat(), (headers, seed) => {
        const g = new RevisionGraph(headers);
        // A random valid starting state: the closure of one revision (or nothing).
        const start = seed % (headers.length + 1) === headers.length ? [] : g.headsOf(g.ancestors([headers[seed % headers.length]!.revision], true));
        const up = planUpgrade(g, start, resolveTarget(g, "heads"));
        const done = appliedSet(g, start);
        for (const step of up) {
          expect(done.has(step.revision)).to.equal(false);
          for (const p of g.prerequisites(step.revision)) expect(done.has(p), `${p} before ${step.revision}`).to.equal(true);
          expect(step.headsBefore).to.deep.equal(g.headsOf(done));
          done.add(step.revision);
          expect(step.headsAfter).to.deep.equal(g.headsOf(done));
        }
        expect(done.size).to.equal(headers.length);
        const final = up.length > 0 ? up[up.length - 1]!.headsAfter : start;
        expect([...final].sort()).to.deep.equal([...g.heads()].sort());

        const down = planDowngrade(g, final, { kind: "base" }, "base");
        expect(down.map((s) => s.revision)).to.have.members(headers.map((h) => h.revision));
        const left = new Set(done);
        for (const step of down) {
          left.delete(step.revision);
          for (const id of left) expect(g.prerequisites(id)).not.to.include(step.revision);
        }
        expect(down[down.length - 1]!.headsAfter).to.deep.equal([]);
      }),
      { numRuns: 300 },
    );
  });
});
