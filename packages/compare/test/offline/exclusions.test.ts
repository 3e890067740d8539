import { expect } from "chai";
import { applyOperations, column, table, withoutWrittenSpellings, type ExclusionConstraintModel, type SchemaModel } from "@retort/core";
import { compareSchemas, describeOperations, type FilterObject } from "../../src";
import { model } from "../support/models";

const during = (name: string, expression: string, writtenExpression?: string): ExclusionConstraintModel =>
  writtenExpression === undefined ? { name, expression } : { name, expression, writtenExpression };

const booking = (exclusions: ExclusionConstraintModel[]): SchemaModel =>
  model("postgres", [table("booking", { columns: [column("room", "integer"), column("during", "tstzrange")], exclusions })]);

const overlap = during("no_overlap", "using gist(room WITH =, during WITH &&)", 'USING gist ("room" WITH =, "during" WITH &&)');

describe("compareSchemas: PostgreSQL exclusion constraints (docs/schema-objects.md)", () => {
  it("adds one the entities declare, removes one they no longer do; describe says add_exclusion / remove_exclusion", () => {
    const added = compareSchemas(booking([overlap]), booking([]));
    expect(added).to.deep.equal([{ kind: "createExclusionConstraint", schema: null, table: "booking", exclusion: overlap }]);
    expect(describeOperations(added)).to.deep.equal([
      { kind: "add_exclusion", schema: null, table: "booking", column: null, name: "no_overlap", details: { after: { expression: overlap.expression } } },
    ]);
    const removed = compareSchemas(booking([]), booking([overlap]));
    expect(removed.map((o) => o.kind)).to.deep.equal(["dropExclusionConstraint"]);
    expect(describeOperations(removed)[0]!.kind).to.equal("remove_exclusion");
  });

  it("compares the normalised expression only: the written spellings may differ", () => {
    const fromServer = during("no_overlap", overlap.expression, 'USING gist (room WITH =, during WITH &&)');
    expect(compareSchemas(booking([overlap]), booking([fromServer]))).to.deep.equal([]);
  });

  it("a changed expression is a drop then a create; applying the operations closes the gap", () => {
    const changed = during("no_overlap", "using gist(room WITH =, during WITH &&) where(room > 0)");
    const target = booking([changed]);
    const actual = booking([overlap]);
    const ops = compareSchemas(target, actual);
    expect(ops.map((o) => o.kind)).to.deep.equal(["dropExclusionConstraint", "createExclusionConstraint"]);
    expect(withoutWrittenSpellings(applyOperations(actual, ops))).to.deep.equal(withoutWrittenSpellings(target));
  });

  it("a new table carries its exclusions in createTable; includeObject sees them as exclusion_constraint", () => {
    const ops = compareSchemas(booking([overlap]), model("postgres", []));
    expect(ops.map((o) => o.kind)).to.deep.equal(["createTable"]);
    const asked: string[] = [];
    const includeObject = (_o: FilterObject, name: string | null, type: string) => {
      if (type === "exclusion_constraint") asked.push(String(name));
      return type !== "exclusion_constraint";
    };
    expect(compareSchemas(booking([overlap]), booking([]), { includeObject })).to.deep.equal([]);
    expect(asked).to.deep.equal(["no_overlap"]);
  });

  it("a table without the field has none: old models compare as before", () => {
    expect(booking([]).tables[0]).to.not.have.property("exclusions");
    expect(compareSchemas(booking([]), booking([]))).to.deep.equal([]);
  });
});
