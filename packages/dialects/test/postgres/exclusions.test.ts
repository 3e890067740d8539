import { applyOperation, column, reverse, table, type ExclusionConstraintModel, type Operation, type Queryable } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, introspect, normalizePostgresExclusion, postgresRules, renderOperation } from "../../src";

const ctx = { dialect: "postgres" as const, serverVersion: null };

/**
 * Exclusion constraints (docs/schema-objects.md, "Exclusion constraints"): written in the
 * entity's spelling, read back from pg_constraint in PostgreSQL's, compared equal.
 */
describeEachTarget(
  "PostgreSQL exclusion constraints: written, read back, compared",
  (target) => {
    let db: Queryable;
    before(async () => {
      db = await connect(target.db.url);
      await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    });
    after(() => db.close());

    const spellings: readonly string[] = [
      `USING gist ("room" WITH =, tsrange("from", "to") WITH &&)`,
      `USING GIST ("room" WITH =, tsrange("from", "to", '[)') WITH &&) WHERE (NOT "cancelled")`,
      `("room" WITH =)`,
      `USING gist ("room" WITH =, tsrange("from", "to") WITH &&) DEFERRABLE INITIALLY DEFERRED`,
    ];

    it("the entity's spelling and the catalog's normalise to the same text", async () => {
      const typeOf = (name: string) => postgresRules.parseType(name === "room" ? "integer" : name === "cancelled" ? "boolean" : "timestamp");
      const exclusions: ExclusionConstraintModel[] = spellings.map((written, i) => ({
        name: `x${i}`,
        expression: normalizePostgresExclusion(written),
        writtenExpression: written,
      }));
      const booking = table("booking", {
        columns: ["room", "from", "to", "cancelled"].map((name) => column(name, typeOf(name))),
        exclusions: exclusions.slice(0, 1),
      });
      const ops: Operation[] = [
        { kind: "createTable", table: booking },
        ...exclusions.slice(1).map((exclusion): Operation => ({ kind: "createExclusionConstraint", schema: null, table: "booking", exclusion })),
      ];
      for (const op of ops) for (const sql of renderOperation(op, ctx)) await db.query(sql);

      const read = (await introspect(db)).tables.find((t) => t.name === "booking")!;
      expect((read.exclusions ?? []).map((x) => [x.name, x.expression])).to.deep.equal(exclusions.map((x) => [x.name, x.expression]));
      // PostgreSQL really rewrote them (quotes, brackets, the default method): the equality above is earned.
      expect(read.exclusions!.map((x) => x.writtenExpression)).to.not.deep.equal(spellings);
      expect(read.exclusions![2]!.writtenExpression).to.equal("USING btree (room WITH =)");
    });

    it("a dropped one is re-created from the catalog's text (a downgrade's path)", async () => {
      const before = (await introspect(db)).tables.find((t) => t.name === "booking")!;
      const x1 = before.exclusions![1]!;
      const drop: Operation = { kind: "dropExclusionConstraint", schema: null, table: "booking", exclusion: x1 };
      for (const sql of renderOperation(drop, ctx)) await db.query(sql);
      for (const sql of renderOperation(reverse(drop), ctx)) await db.query(sql);
      const after = (await introspect(db)).tables.find((t) => t.name === "booking")!;
      expect(after).to.deep.equal(before);
      expect(applyOperation({ ...(await introspect(db)), tables: [after] }, drop).tables[0]!.exclusions).to.have.length(3);
    });
  },
  { families: ["postgres"] },
);
