import { CountingQueryable, type IncludeName, type ObjectType, type ParentNames } from "@retort/core";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { introspect } from "../../src";
import { reflect, runSql, tableOf, withConnection } from "./helpers";

describeEachTarget(
  "MySQL-family introspection scope",
  (ctx) => {
    let other: TestDatabase;

    before(async () => {
      other = await createTestDatabase(ctx.target);
      await runSql(other.url, [
        "CREATE TABLE region (id int PRIMARY KEY, name varchar(20) NOT NULL)",
        "CREATE VIEW region_names AS SELECT name FROM region",
      ]);
      await runSql(ctx.db.url, [
        "CREATE TABLE shop (id int PRIMARY KEY, region_id int, secret varchar(10), code varchar(5), " +
          `KEY idx_shop_code (code), UNIQUE KEY uq_shop_secret (secret), CONSTRAINT ck_shop CHECK (id > 0), ` +
          `CONSTRAINT fk_shop_region FOREIGN KEY (region_id) REFERENCES \`${other.name}\`.region (id))`,
        "CREATE TABLE audit_log (id int PRIMARY KEY) WITH SYSTEM VERSIONING",
        "CREATE VIEW shop_ids AS SELECT id FROM shop",
        "CREATE SEQUENCE shop_seq",
      ]);
    });

    after(async () => {
      await other?.drop();
    });

    it("reflects only the current database by default, tables (system-versioned too) without a schema, no views or sequences", async () => {
      const model = await reflect(ctx.db.url);
      expect(model.tables.map((t) => [t.schema, t.name])).to.deep.equal([
        [null, "audit_log"],
        [null, "shop"],
      ]);
      expect(tableOf(model, "shop").foreignKeys[0]).to.include({
        referencedSchema: other.name,
        referencedTable: "region",
      });
    });

    it("reflects other non-system databases with includeSchemas", async () => {
      const model = await reflect(ctx.db.url, { includeSchemas: true });
      expect(model.schemas).to.include(other.name);
      expect(model.schemas).not.to.include.members(["mysql", "information_schema", "performance_schema", "sys"]);
      expect(model.schemas).not.to.include(ctx.db.name);
      const region = tableOf(model, "region", other.name);
      expect(region.columns.map((c) => c.name)).to.deep.equal(["id", "name"]);
      expect(model.tables.some((t) => t.name === "region_names")).to.equal(false);
      expect(tableOf(model, "shop").schema).to.equal(null);
    });

    it("asks includeName about schemas, then tables, then their objects, with parent names", async () => {
      const calls: [string | null, ObjectType, ParentNames][] = [];
      const includeName: IncludeName = (name, type, parents) => {
        calls.push([name, type, parents]);
        if (type === "schema") return name === null || name === other.name;
        if (type === "table") return name !== "audit_log";
        return !["secret", "idx_shop_code", "ck_shop", "fk_shop_region", "uq_shop_secret"].includes(name ?? "");
      };
      const model = await reflect(ctx.db.url, { includeSchemas: true, includeName });
      expect(model.schemas).to.deep.equal([other.name]);
      expect(model.tables.map((t) => [t.schema, t.name])).to.deep.equal([
        [null, "shop"],
        [other.name, "region"],
      ]);
      const shop = tableOf(model, "shop");
      expect(shop.columns.map((c) => c.name)).to.deep.equal(["id", "region_id", "code"]);
      expect([shop.indexes, shop.uniques, shop.checks, shop.foreignKeys]).to.deep.equal([[], [], [], []]);
      expect(calls).to.deep.include([
        null,
        "schema",
        { schemaName: null, tableName: null, schemaQualifiedTableName: null },
      ]);
      expect(calls).to.deep.include([
        "shop",
        "table",
        { schemaName: null, tableName: null, schemaQualifiedTableName: "shop" },
      ]);
      expect(calls).to.deep.include([
        "region",
        "table",
        { schemaName: other.name, tableName: null, schemaQualifiedTableName: `${other.name}.region` },
      ]);
      const shopParents = { schemaName: null, tableName: "shop", schemaQualifiedTableName: "shop" };
      for (const [name, type] of [
        ["secret", "column"],
        ["idx_shop_code", "index"],
        ["uq_shop_secret", "unique_constraint"],
        ["fk_shop_region", "foreign_key_constraint"],
        ["ck_shop", "check_constraint"],
      ] as const) {
        expect(calls).to.deep.include([name, type, shopParents]);
      }
      // Objects of a rejected table are never offered.
      expect(calls.some(([, type, p]) => type !== "table" && p.tableName === "audit_log")).to.equal(false);
    });

    it("runs the same number of catalog queries for 3 and 30 tables", async () => {
      const counts: number[] = [];
      for (const n of [3, 30]) {
        const db = await createTestDatabase(ctx.target);
        try {
          const ddl = Array.from(
            { length: n },
            (_, i) =>
              `CREATE TABLE t${i} (id int PRIMARY KEY, p int, v varchar(10) DEFAULT 'x', UNIQUE KEY u${i} (v), ` +
              `CONSTRAINT c${i} CHECK (id > 0), CONSTRAINT f${i} FOREIGN KEY (p) REFERENCES t0 (id))`,
          );
          await runSql(db.url, ddl);
          const count = await withConnection(db.url, async (q) => {
            const counting = new CountingQueryable(q);
            const model = await introspect(counting);
            expect(model.tables).to.have.length(n);
            return counting.count;
          });
          counts.push(count);
        } finally {
          await db.drop();
        }
      }
      expect(counts[0]).to.equal(counts[1]);
      expect(counts[0]).to.be.at.most(8);
    });
  },
  { targets: ["mariadb"] },
);
