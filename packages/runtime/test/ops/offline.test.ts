import type { DialectName, Queryable } from "@retort/core";
import { expect } from "chai";
import { createOperations } from "../../src/ops";
import { failure } from "./helpers";

/** `--sql` mode: statements are collected, the database is never touched. */
function offline(dialect: DialectName) {
  const statements: string[] = [];
  const db: Queryable = {
    dialect,
    query: async () => {
      throw new Error("offline mode must not query");
    },
    close: async () => undefined,
  };
  return { op: createOperations({ db, dialect, emit: (sql) => statements.push(sql) }), statements };
}

describe("op API offline (--sql)", () => {
  it("prints CREATE INDEX CONCURRENTLY between a COMMIT and a BEGIN on PostgreSQL", async () => {
    const { op, statements } = offline("postgres");
    await op.createIndex("ix", "order", ["we\"ird", { expression: "lower(name)", desc: true }], { concurrently: true, where: "x > 0" });
    expect(statements).to.deep.equal([
      "COMMIT",
      'CREATE INDEX CONCURRENTLY "ix" ON "order" ("we""ird", (lower(name)) DESC) WHERE x > 0',
      "BEGIN",
    ]);
  });

  it("prints a type change as ALTER COLUMN … TYPE on PostgreSQL (no USING: integer assigns to numeric)", async () => {
    const { op, statements } = offline("postgres");
    await op.alterColumn("order", "total", { type: "numeric(12,2)", existingType: "integer", existingDefault: "0" }, { schema: "shop" });
    expect(statements).to.deep.equal([
      'ALTER TABLE "shop"."order" ALTER COLUMN "total" DROP DEFAULT',
      'ALTER TABLE "shop"."order" ALTER COLUMN "total" TYPE numeric(12,2)',
      'ALTER TABLE "shop"."order" ALTER COLUMN "total" SET DEFAULT (0)::numeric(12,2)',
    ]);
  });

  it("restates the whole column with MODIFY on MySQL, from the existing facts", async () => {
    const { op, statements } = offline("mysql");
    await op.alterColumn("order", "note", {
      type: "varchar(200)",
      existingType: "varchar(20)",
      existingNullable: false,
      existingDefault: "'-'",
      existingComment: "a note",
    });
    expect(statements).to.deep.equal(["ALTER TABLE `order` MODIFY COLUMN `note` varchar(200) NOT NULL DEFAULT '-' COMMENT 'a note'"]);
  });

  it("refuses a MySQL MODIFY offline without the existing facts", async () => {
    const { op } = offline("mariadb");
    const error = await failure(() => op.alterColumn("order", "note", { nullable: true }));
    expect(error.message).to.match(/needs the column's current definition.*existingType/);
  });

  it("prints SQLite batches that ALTER in place, and refuses one that needs a rebuild", async () => {
    const { op, statements } = offline("sqlite");
    await op.batchAlterTable("order", (b) => {
      b.addColumn({ name: "memo", type: "text" });
      b.alterColumn("memo", { newName: "note" });
    });
    expect(statements).to.deep.equal([
      'ALTER TABLE "order" ADD COLUMN "memo" text',
      'ALTER TABLE "order" RENAME COLUMN "memo" TO "note"',
    ]);
    const error = await failure(() => op.batchAlterTable("order", (b) => b.alterColumn("note", { nullable: false })));
    expect(error.message).to.match(/offline.*run this migration against the database/);
  });

  it("inlines execute() parameters and bulkInsert() values, DEFAULT for missing keys", async () => {
    const { op, statements } = offline("postgres");
    await op.execute("UPDATE t SET a = $1 WHERE b = $2", ["it's", 3]);
    await op.bulkInsert("t", [{ a: "x", b: 1 }, { a: null }]);
    expect(statements).to.deep.equal([
      "UPDATE t SET a = 'it''s' WHERE b = 3",
      'INSERT INTO "t" ("a", "b") VALUES\n  (\'x\', 1),\n  (NULL, DEFAULT)',
    ]);
  });

  it("reads PostgreSQL spellings with PostgreSQL's rules, and serial as an auto-increment", async () => {
    const { op, statements } = offline("postgres");
    await op.createTable("t", [
      { name: "id", type: "bigserial", primaryKey: true },
      { name: "a", type: "int4" },
      { name: "b", type: "character varying(20)[]" },
      { name: "c", type: "timestamp(3) with time zone", nullable: false },
      { name: "d", type: "datetime" },
    ]);
    expect(statements).to.deep.equal([
      'CREATE TABLE "t" (\n  "id" bigserial NOT NULL,\n  "a" integer,\n  "b" varchar(20)[],\n  "c" timestamptz(3) NOT NULL,\n  "d" timestamp,\n  PRIMARY KEY ("id")\n)',
    ]);
  });

  it("maps portable names on MySQL and SQLite", async () => {
    const mysql = offline("mysql");
    await mysql.op.addColumn("t", { name: "ok", type: "boolean", nullable: false, default: "0", comment: "yes" });
    expect(mysql.statements).to.deep.equal(["ALTER TABLE `t` ADD COLUMN `ok` tinyint(1) NOT NULL DEFAULT 0 COMMENT 'yes'"]);
    const sqlite = offline("sqlite");
    await sqlite.op.addColumn("t", { name: "at", type: "timestamptz", default: "'2020-01-01'" });
    expect(sqlite.statements).to.deep.equal([`ALTER TABLE "t" ADD COLUMN "at" datetime DEFAULT '2020-01-01'`]);
  });

  it("records every operation as plain data", async () => {
    const { op } = offline("postgres");
    await op.createEnum("mood", ["a", "b"]);
    await op.alterEnum("mood", ["a", "b", "c"], { existingValues: ["a", "b"] });
    expect(JSON.parse(JSON.stringify(op.performed))).to.deep.equal([
      { kind: "createEnum", enumType: { schema: null, name: "mood", values: ["a", "b"] } },
      { kind: "alterEnum", schema: null, name: "mood", values: { from: ["a", "b"], to: ["a", "b", "c"] } },
    ]);
  });
});
