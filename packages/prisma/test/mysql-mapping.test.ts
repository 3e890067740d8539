import { compareSchemas, describeOperations } from "@retort/compare";
import type { ColumnModel, SchemaModel } from "@retort/core";
import { connect, introspect, renderOperation } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { buildPrismaModel, parseDmmf } from "../src";
import { PRISMA_CASES, schemaFor, type PrismaCase } from "./cases";

/**
 * `provider = "mysql"` has no WebAssembly oracle (Prisma's schema engine is built for
 * PostgreSQL and SQLite only), so the MySQL mapping is pinned two ways: the model's types
 * and names are Prisma's documented MySQL ones, and applying the model with retort on a
 * real MariaDB reflects back with no difference (README.md "Prisma schemas").
 */
const mysqlSchema = (body: string) => `datasource db {\n  provider = "mysql"\n}\n${body}\n`;

/** Cases that hold on MySQL: not the PostgreSQL-only ones, nor names past MySQL's 64 characters (not pinned). */
const MYSQL_CASES: readonly PrismaCase[] = [
  ...PRISMA_CASES.filter((c) => !c.providers && !c.name.startsWith("default names longer")),
  {
    name: "MySQL native types",
    body: `
model Native {
  id     Int      @id @default(autoincrement()) @db.UnsignedInt
  name   String   @db.VarChar(120)
  code   String   @db.Char(3)
  body   String   @db.Text
  tiny   Int      @db.TinyInt
  amount Decimal  @db.Decimal(10, 2)
  day    DateTime @db.Date
  at     DateTime @db.DateTime(0)
}`,
  },
];

const columnOf = (model: SchemaModel, table: string, column: string): ColumnModel => {
  const c = model.tables.find((t) => t.name === table)?.columns.find((x) => x.name === column);
  if (!c) throw new Error(`no column ${table}.${column}`);
  return c;
};

describe("@retort/prisma on MySQL: Prisma's documented mapping", () => {
  const model = buildPrismaModel(parseDmmf([["schema.prisma", mysqlSchema(PRISMA_CASES[0]!.body)]]), "mariadb");

  it("String is varchar(191), DateTime datetime(3) with CURRENT_TIMESTAMP(3), Decimal decimal(65,30), Float double, Bytes longblob", () => {
    expect(columnOf(model, "users", "email").type).to.include({ name: "varchar", length: 191 });
    expect(columnOf(model, "users", "created_at").type).to.include({ name: "datetime", precision: 3 });
    expect(columnOf(model, "users", "created_at").default).to.match(/^current_timestamp\(3\)$/i);
    expect(columnOf(model, "users", "balance").type).to.include({ name: "decimal", precision: 65, scale: 30 });
    expect(columnOf(model, "users", "score").type).to.include({ name: "double" });
    expect(columnOf(model, "users", "blob").type).to.include({ name: "longblob" });
    expect(columnOf(model, "users", "active").type).to.include({ name: "boolean" });
    expect(columnOf(model, "users", "id").autoIncrement).to.equal("auto-increment");
  });

  it("enums are inline enum(...) columns of their @map values; no named types", () => {
    const enums = buildPrismaModel(parseDmmf([["schema.prisma", mysqlSchema(PRISMA_CASES.find((c) => c.name === "enums")!.body)]]), "mariadb");
    expect(enums.enums).to.deep.equal([]);
    expect(columnOf(enums, "Account", "role").type).to.deep.include({ name: "enum", enumValues: ["USER", "admin"] });
  });

  it("keys are PRIMARY (no name), foreign keys <table>_<columns>_fkey, implicit many-to-many tables get a unique index", () => {
    const rel = buildPrismaModel(parseDmmf([["schema.prisma", mysqlSchema(PRISMA_CASES.find((c) => c.name === "relations and referential actions")!.body)]]), "mariadb");
    const post = rel.tables.find((t) => t.name === "Post")!;
    expect(post.primaryKey?.name).to.equal(null);
    expect(post.foreignKeys.map((f) => f.name).sort()).to.deep.equal(["Post_authorId_fkey", "Post_editorId_fkey", "Post_parentId_fkey"]);
    const m2m = buildPrismaModel(parseDmmf([["schema.prisma", mysqlSchema(PRISMA_CASES.find((c) => c.name === "implicit many-to-many")!.body)]]), "mariadb");
    const join = m2m.tables.find((t) => t.name === "_ArticleToTag")!;
    expect(join.primaryKey).to.equal(null);
    expect(join.indexes.map((i) => i.name).sort()).to.deep.equal(["_ArticleToTag_AB_unique", "_ArticleToTag_B_index"]);
  });
});

for (const c of MYSQL_CASES) {
  describeEachTarget(
    `a Prisma schema (${c.name}) applied by retort on MySQL`,
    (ctx) => {
      it("reflects with no difference from the built model", async function () {
        this.timeout(60_000);
        const db = await connect(ctx.db.url);
        try {
          const empty = await introspect(db);
          const built = buildPrismaModel(parseDmmf([["schema.prisma", schemaFor(c, "mysql")]]), db.dialect as "mysql" | "mariadb");
          const model: SchemaModel = { ...built, defaultSchema: empty.defaultSchema };
          const ops = compareSchemas(model, empty);
          expect(ops.length).to.be.greaterThan(0);
          for (const op of ops) for (const sql of renderOperation(op, { dialect: db.dialect, serverVersion: null })) await db.query(sql);
          expect(describeOperations(compareSchemas(model, await introspect(db)))).to.deep.equal([]);
        } finally {
          await db.close();
        }
      });
    },
    { targets: ["mariadb"] },
  );
}
