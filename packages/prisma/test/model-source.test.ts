import { NoConnectionUrlError, type SourceProject } from "@retort/core";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { modelSourceKind } from "../src";

/** The ModelSource port as the CLI uses it (docs/architecture.md, "Model sources behind one port"). */
describe("the Prisma model source", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "retort-prisma-source-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const project = (schema: string): SourceProject => ({ configFile: join(dir, "retort.config.ts"), projectDir: dir, cwd: dir, config: { prisma: schema }, explicitUrl: undefined });

  it("says a SQLite datasource's file (relative to the schema) as retort's URL, its dialect, its table, and its lines", async () => {
    const file = join(dir, "schema.prisma");
    writeFileSync(file, `datasource db {\n  provider = "sqlite"\n  url = "file:./dev.db"\n}\n\nmodel User {\n  id Int @id\n  name String @map("full_name")\n}\n`);
    const source = await modelSourceKind.open(project(file));
    expect(source.dialect).to.equal("sqlite");
    expect(source.declaredEngine?.family).to.equal("sqlite");
    expect(source.connection()).to.deep.equal({ url: `sqlite:${join(dir, "dev.db")}?driver=better-sqlite3` });
    expect(source.bookkeepingTables({ dialect: "sqlite", defaultSchema: "main", serverVersion: null })).to.deep.equal([
      { schema: null, inAnySchema: true, name: "_prisma_migrations", owner: "Prisma migrations" },
    ]);
    const built = await source.buildModel({ dialect: "sqlite", defaultSchema: "main", serverVersion: null });
    expect(built.target.tables.map((t) => t.name)).to.deep.equal(["User"]);
    const locate = await source.locator();
    expect(locate({ schema: null, table: "User", column: "full_name", columns: [] })).to.deep.equal({ file, line: 8 });
    expect(locate({ schema: null, table: "Gone", column: null, columns: [] })).to.equal(undefined);
    expect(modelSourceKind.explicitUrl?.("file:./other.db", project(file))).to.equal(`sqlite:${join(dir, "other.db")}`);
    expect(modelSourceKind.watchFolders(project(file))).to.deep.equal([dir]);
  });

  it("refuses to say a database its datasource does not name", async () => {
    const file = join(dir, "schema.prisma");
    writeFileSync(file, `datasource db {\n  provider = "postgresql"\n  url = env("RETORT_TEST_UNSET_URL")\n}\nmodel User {\n  id Int @id\n}\n`);
    const source = await modelSourceKind.open(project(file));
    expect(() => source.connection()).to.throw(NoConnectionUrlError, /names no database/);
  });

  it("is found by retort init in prisma/schema.prisma", async () => {
    const context = { url: undefined, retortTables: [], anchorUrl: (u: string) => u };
    expect(await modelSourceKind.discover?.(dir, context)).to.equal(undefined);
    mkdirSync(join(dir, "prisma"));
    writeFileSync(join(dir, "prisma", "schema.prisma"), `datasource db {\n  provider = "postgresql"\n}\n`);
    const found = await modelSourceKind.discover?.(dir, context);
    expect(found?.result).to.deep.equal({ dataSource: undefined, prisma: "./prisma/schema.prisma" });
    expect(found?.configEntry).to.include('prisma: "./prisma/schema.prisma"');
  });
});
