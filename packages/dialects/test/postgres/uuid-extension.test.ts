import { column, table, type Queryable } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, postgresRules, renderOperation } from "../../src";

const uuid = postgresRules.parseType("uuid");
const uuidDefault = postgresRules.normalizeDefault("uuid_generate_v4()", uuid);
const ctx = { dialect: "postgres" as const, serverVersion: null };

// TypeORM's default for a generated uuid calls uuid-ossp, which a fresh database lacks;
// found by the end-to-end monorepo shape (test/e2e): its first upgrade failed with
// "function uuid_generate_v4() does not exist".
describeEachTarget(
  "a uuid_generate_v4() default on a fresh PostgreSQL database",
  (target) => {
    let db: Queryable;
    before(async () => {
      db = await connect(target.db.url);
    });
    after(() => db.close());

    it("createTable creates the uuid-ossp extension first, as TypeORM's synchronize does", async () => {
      const teams = table("teams", {
        columns: [column("id", uuid, { nullable: false, default: uuidDefault }), column("name", postgresRules.parseType("text"))],
        primaryKey: { name: "teams_pk", columns: ["id"] },
      });
      for (const sql of renderOperation({ kind: "createTable", table: teams }, ctx)) await db.query(sql);
      await db.query(`INSERT INTO teams (name) VALUES ('a')`);
      const rows = await db.query<{ id: string }>(`SELECT id FROM teams`);
      expect(rows[0]!.id).to.match(/^[0-9a-f-]{36}$/);
    });

    it("addColumn and a default set by alterColumn do too; other defaults create nothing", () => {
      const added = renderOperation({ kind: "addColumn", schema: null, table: "teams", column: column("ref", uuid, { default: uuidDefault }) }, ctx);
      expect(added[0]).to.equal(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
      const existing = column("ref", uuid);
      const altered = renderOperation({ kind: "alterColumn", schema: null, table: "teams", column: "ref", changes: { default: { from: null, to: uuidDefault } }, existing }, ctx);
      expect(altered[0]).to.equal(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
      const plain = renderOperation({ kind: "addColumn", schema: null, table: "teams", column: column("n", postgresRules.parseType("integer"), { default: "0" }) }, ctx);
      expect(plain.join("\n")).to.not.include("EXTENSION");
    });
  },
  { targets: ["postgres"] },
);
