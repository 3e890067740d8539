import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { loadPrismaSchema } from "../src";

describe("loadPrismaSchema", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "retort-prisma-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the dialect from the provider and the URL from env(), which Prisma 7's parser would reject", () => {
    const file = join(dir, "schema.prisma");
    writeFileSync(file, `datasource db {\n  provider = "postgresql"\n  url = env("APP_DB")\n}\nmodel User {\n  id Int @id\n}\n`);
    const schema = loadPrismaSchema(file, { APP_DB: "postgres://u@h/db" });
    expect(schema.dialect).to.equal("postgres");
    expect(schema.url).to.equal("postgres://u@h/db");
    expect(schema.model.tables.map((t) => t.name)).to.deep.equal(["User"]);
    expect(schema.ignoredTables).to.deep.equal(["_prisma_migrations"]);
  });

  it("reads a folder of .prisma files as one schema", () => {
    mkdirSync(join(dir, "models"));
    writeFileSync(join(dir, "schema.prisma"), `datasource db {\n  provider = "sqlite"\n  url = "file:./dev.db"\n}\n`);
    writeFileSync(join(dir, "models", "post.prisma"), `model Post {\n  id Int @id\n  author User @relation(fields: [authorId], references: [id])\n  authorId Int\n}\n`);
    writeFileSync(join(dir, "models", "user.prisma"), `model User {\n  id Int @id\n  posts Post[]\n}\n`);
    const schema = loadPrismaSchema(dir, {});
    expect(schema.dialect).to.equal("sqlite");
    expect(schema.url).to.equal("file:./dev.db");
    expect(schema.model.tables.map((t) => t.name)).to.deep.equal(["Post", "User"]);
  });

  it("names an unsupported provider and an invalid schema in one clear message", () => {
    const file = join(dir, "schema.prisma");
    writeFileSync(file, `datasource db {\n  provider = "mongodb"\n}\n`);
    expect(() => loadPrismaSchema(file, {})).to.throw(/provider "mongodb" .* not supported yet/);
    writeFileSync(file, `datasource db {\n  provider = "postgresql"\n}\nmodel User {\n  id Int @id\n  x Nope\n}\n`);
    expect(() => loadPrismaSchema(file, {})).to.throw(/The Prisma schema is not valid:[\s\S]*Nope/);
  });
});
