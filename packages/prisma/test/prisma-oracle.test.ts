import { compareSchemas, describeOperations } from "@retort/compare";
import { connect, introspect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { buildPrismaModel, parseDmmf } from "../src";
import { PRISMA_CASES, schemaFor } from "./cases";
import { prismaMigrateSql } from "./support/prisma-migrate-sql";

/**
 * The oracle: Prisma Migrate's own SQL (its schema engine, from empty) applied to a real
 * database, reflected by retort, equals the model @retort/prisma builds from the schema.
 */
for (const c of PRISMA_CASES) {
  describeEachTarget(
    `a Prisma schema (${c.name}) against Prisma Migrate's SQL`,
    (ctx) => {
      it("reflects with no difference from the built model", async function () {
        this.timeout(60_000);
        const provider = ctx.target.family === "postgres" ? "postgres" : "sqlite";
        const schema = schemaFor(c, provider);
        const sql = await prismaMigrateSql(schema, provider);
        const db = await connect(ctx.db.url);
        try {
          for (const statement of splitStatements(sql)) await db.query(statement);
          const expected = buildPrismaModel(parseDmmf([["schema.prisma", schema]]), provider);
          // A multiSchema model's other schemas are read too, so nothing passes unread.
          const actual = await introspect(db, { includeSchemas: expected.schemas.length > 0 });
          const ops = compareSchemas(expected, actual);
          expect(describeOperations(ops), sql).to.deep.equal([]);
          expect(expected.tables.length).to.be.greaterThan(0);
          const key = (t: { schema: string | null; name: string }) => `${t.schema ?? ""}.${t.name}`;
          expect(actual.tables.map(key)).to.deep.equal(expected.tables.map(key));
        } finally {
          await db.close();
        }
      });
    },
    { families: c.providers ? c.providers : ["postgres", "sqlite"] },
  );
}

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter((s) => s.length > 0);
}
