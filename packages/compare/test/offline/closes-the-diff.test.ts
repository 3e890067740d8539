import { expect } from "chai";
import fc from "fast-check";
import { applyOperations, reverseAll, type DialectName } from "@retort/core";
import { compareSchemas, describeOperations } from "../../src";
import { modelArb, withoutColumnOrder } from "../support/arbitrary-models";

describe("compareSchemas closes the diff (property)", () => {
  for (const dialect of ["postgres", "sqlite", "mariadb"] as DialectName[]) {
    it(`applying compareSchemas(target, actual) to actual gives target [${dialect}]`, () => {
      fc.assert(
        fc.property(modelArb(dialect), modelArb(dialect), (target, actual) => {
          const ops = compareSchemas(target, actual);
          const applied = applyOperations(actual, ops);
          expect(compareSchemas(target, applied)).to.deep.equal([]);
          // On MySQL a unique constraint and a unique index are one object, so only the diff must close.
          if (dialect !== "mariadb") expect(withoutColumnOrder(applied)).to.deep.equal(withoutColumnOrder(target));
          expect(compareSchemas(actual, actual)).to.deep.equal([]);
          expect(() => describeOperations(ops)).not.to.throw();
        }),
        { numRuns: 300 },
      );
    });
  }

  it("reverseAll of the diff takes target back to actual [postgres]", () => {
    fc.assert(
      fc.property(modelArb("postgres"), modelArb("postgres"), (target, actual) => {
        const ops = compareSchemas(target, actual);
        const back = applyOperations(applyOperations(actual, ops), reverseAll(ops));
        expect(compareSchemas(actual, back)).to.deep.equal([]);
      }),
      { numRuns: 200 },
    );
  });
});
