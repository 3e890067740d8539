import { CountingQueryable, type IncludeName, type ObjectType, type ParentNames } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { reflect, runAll, sharedConnection, tableOf } from "./helpers";

const SCHEMA = [
  `CREATE TYPE keep_enum AS ENUM ('a')`,
  `CREATE TYPE skip_enum AS ENUM ('b')`,
  `CREATE TABLE parent (id serial PRIMARY KEY, code text)`,
  `CREATE TABLE keep (id serial PRIMARY KEY, shown text, hidden text, parent_id int, e keep_enum,
    CONSTRAINT uq_keep UNIQUE (shown), CONSTRAINT uq_skip UNIQUE (hidden),
    CONSTRAINT fk_keep FOREIGN KEY (parent_id) REFERENCES parent (id),
    CONSTRAINT fk_skip FOREIGN KEY (id) REFERENCES parent (id),
    CONSTRAINT ck_keep CHECK (shown <> ''), CONSTRAINT ck_skip CHECK (hidden <> ''))`,
  `CREATE INDEX ix_keep ON keep (shown)`,
  `CREATE INDEX ix_skip ON keep (hidden)`,
  `CREATE TABLE secret (id serial PRIMARY KEY, pw text UNIQUE, CHECK (pw <> ''))`,
  `CREATE INDEX ix_secret ON secret (pw)`,
  `CREATE SCHEMA private`,
  `CREATE TABLE private.vault (id int)`,
  `CREATE SCHEMA shared`,
  `CREATE TABLE shared.doc (id int, vault_id int)`,
  `CREATE TYPE private.hidden_enum AS ENUM ('x')`,
];

const REJECTED = new Set(["skip_enum", "hidden", "uq_skip", "fk_skip", "ck_skip", "ix_skip", "secret", "private"]);

describeEachTarget(
  "introspectPostgres filters and query counts",
  (ctx) => {
    const conn = sharedConnection(() => ctx.db.url);
    before(async () => {
      await conn.open();
      await runAll(conn.db, SCHEMA);
    });
    after(() => conn.close());

    it("asks includeName about each object with its type word and parent names, and drops what it rejects", async () => {
      const calls: [string | null, ObjectType, ParentNames][] = [];
      const includeName: IncludeName = (name, type, parents) => {
        calls.push([name, type, parents]);
        return name === null || !REJECTED.has(name);
      };
      const model = await reflect(conn.db, { includeSchemas: true, includeName });

      expect(model.schemas).to.deep.equal(["shared"]);
      expect(model.tables.map((t) => [t.schema, t.name])).to.deep.equal([
        [null, "keep"],
        [null, "parent"],
        ["shared", "doc"],
      ]);
      expect(model.enums.map((e) => e.name)).to.deep.equal(["keep_enum"]);
      const keep = tableOf(model, "keep");
      expect(keep.columns.map((c) => c.name)).to.deep.equal(["id", "shown", "parent_id", "e"]);
      expect(keep.uniques.map((u) => u.name)).to.deep.equal(["uq_keep"]);
      expect(keep.foreignKeys.map((f) => f.name)).to.deep.equal(["fk_keep"]);
      expect(keep.checks.map((c) => c.name)).to.deep.equal(["ck_keep"]);
      expect(keep.indexes.map((i) => i.name)).to.deep.equal(["ix_keep"]);
      expect(keep.primaryKey).to.deep.equal({ name: "keep_pkey", columns: ["id"] });

      const typeOf = (name: string) => calls.filter(([n]) => n === name).map(([, type]) => type);
      expect(typeOf("private")).to.deep.equal(["schema"]);
      expect(typeOf("secret")).to.deep.equal(["table"]);
      expect(typeOf("hidden")).to.deep.equal(["column"]);
      expect(typeOf("ix_skip")).to.deep.equal(["index"]);
      expect(typeOf("uq_skip")).to.deep.equal(["unique_constraint"]);
      expect(typeOf("fk_skip")).to.deep.equal(["foreign_key_constraint"]);
      expect(typeOf("ck_skip")).to.deep.equal(["check_constraint"]);
      expect(typeOf("skip_enum")).to.deep.equal(["enum"]);

      expect(calls.find(([n, type]) => n === "keep" && type === "table")![2]).to.deep.equal({
        schemaName: null,
        tableName: null,
        schemaQualifiedTableName: "keep",
      });
      expect(calls.find(([n, type]) => n === "doc" && type === "table")![2]).to.deep.equal({
        schemaName: "shared",
        tableName: null,
        schemaQualifiedTableName: "shared.doc",
      });
      expect(calls.filter(([n, type]) => n === null && type === "schema")).to.have.length(1);
      expect(calls.find(([n]) => n === "shown")![2]).to.deep.equal({
        schemaName: null,
        tableName: "keep",
        schemaQualifiedTableName: "keep",
      });
      const docColumn = calls.find(([n, , p]) => n === "vault_id" && p.tableName === "doc")!;
      expect(docColumn[2]).to.deep.equal({
        schemaName: "shared",
        tableName: "doc",
        schemaQualifiedTableName: "shared.doc",
      });

      // Nothing of a rejected table or schema is looked at beyond its own name.
      expect(calls.find(([n]) => n === "private")![2]).to.deep.equal({
        schemaName: null,
        tableName: null,
        schemaQualifiedTableName: null,
      });
      expect(calls.filter(([, , p]) => p.tableName === "secret" || p.schemaName === "private")).to.deep.equal([]);
      expect(calls.map(([n]) => n)).not.to.include.members(["pw", "ix_secret", "vault", "hidden_enum"]);
    });

    it("offers the default schema to includeName as null, only with includeSchemas", async () => {
      const askedSchemas: (string | null)[] = [];
      const noDefault: IncludeName = (name, type) =>
        type === "schema" ? (askedSchemas.push(name), name !== null) : true;
      const model = await reflect(conn.db, { includeSchemas: true, includeName: noDefault });
      expect(askedSchemas).to.include.members([null, "private", "shared"]);
      expect(model.tables.map((t) => t.schema)).to.deep.equal(["private", "shared"]);
      expect(model.enums.map((e) => [e.schema, e.name])).to.deep.equal([["private", "hidden_enum"]]);
      askedSchemas.length = 0;
      await reflect(conn.db, { includeName: noDefault });
      expect(askedSchemas).to.deep.equal([]);
    });

    it("runs the same number of catalog queries for 3 tables and for 30, and with all schemas", async () => {
      const countFor = async (includeSchemas: boolean) => {
        const counting = new CountingQueryable(conn.db);
        await reflect(counting, { includeSchemas });
        return counting.count;
      };
      await runAll(conn.db, [`CREATE SCHEMA sized`, `SET search_path TO sized`]);
      const create = (from: number, to: number) =>
        runAll(
          conn.db,
          Array.from({ length: to - from }, (_, k) => {
            const i = from + k;
            const fk = i > 0 ? `, parent int REFERENCES t${i - 1} (id) ON DELETE CASCADE` : "";
            return `CREATE TABLE t${i} (id serial PRIMARY KEY, name varchar(20) UNIQUE, n int DEFAULT -1 CHECK (n > -5)${fk});
              CREATE INDEX t${i}_ix ON t${i} (lower(name)) WHERE n > 0`;
          }),
        );
      try {
        await create(0, 3);
        const three = await reflect(conn.db);
        expect(three.defaultSchema).to.equal("sized");
        expect(three.tables).to.have.length(3);
        const forThree = await countFor(false);
        await create(3, 30);
        expect((await reflect(conn.db)).tables).to.have.length(30);
        const forThirty = await countFor(false);
        expect(forThirty).to.equal(forThree);
        expect(await countFor(true)).to.equal(forThree);
        expect(forThree).to.be.at.most(7);
      } finally {
        await conn.db.query(`SET search_path TO public`);
      }
    });
  },
  { targets: ["postgres"] },
);
