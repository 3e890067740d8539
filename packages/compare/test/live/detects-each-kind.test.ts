import { expect } from "chai";
import type { Queryable, SchemaModel } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestTarget } from "@retort/testing";
import { compareSchemas, describeOperations } from "../../src";
import { CASES } from "./live-cases";
import { BASE_SHAPE, shapeDdl, type Shape } from "./shape-ddl";

async function reflect(target: TestTarget, statements: readonly string[]): Promise<SchemaModel> {
  const db = await createTestDatabase(target);
  let conn: Queryable | undefined;
  try {
    conn = await connect(db.url);
    for (const sql of statements) await conn.query(sql);
    return await introspect(conn);
  } finally {
    await conn?.close();
    await db.drop();
  }
}

describeEachTarget("compareSchemas on reflected databases", (ctx) => {
  it("finds nothing between a reflected database and itself", async () => {
    const shape: Shape = { ...BASE_SHAPE, tagTable: true, index: { columns: ["email"], unique: true, where: null }, unique: ["age"], check: "age > 0", mood: ctx.target.family === "sqlite" ? null : ["a", "b"], emailComment: ctx.target.family === "sqlite" ? null : "x", emailDefault: "'d'" };
    const model = await reflect(ctx.target, shapeDdl(ctx.target.family, shape));
    expect(compareSchemas(model, model)).to.deep.equal([]);
    const again = await reflect(ctx.target, shapeDdl(ctx.target.family, shape));
    expect(compareSchemas(again, model)).to.deep.equal([]);
  });

  // The target is known when the block is declared (only the database comes later), so
  // cases that do not apply to an engine are simply not registered for it.
  const family = ctx.target.family;
  for (const c of CASES.filter((x) => !x.families || x.families.includes(family))) {
    it(`detects ${c.title}`, async () => {
      const expected = c.kindsBy?.[family] ?? c;
      const actualShape = { ...BASE_SHAPE, ...c.actual };
      const targetShape = { ...BASE_SHAPE, ...c.target };
      const actual = await reflect(ctx.target, shapeDdl(family, actualShape));
      const target = await reflect(ctx.target, shapeDdl(family, targetShape));
      expect(describeOperations(compareSchemas(target, actual)).map((e) => e.kind)).to.deep.equal(expected.kinds);
      expect(describeOperations(compareSchemas(actual, target)).map((e) => e.kind)).to.deep.equal(expected.reverse);
    });
  }
});
