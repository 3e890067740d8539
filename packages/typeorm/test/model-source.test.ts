import type { SourceProject } from "@retort/core";
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelSourceKind } from "../src";

/**
 * The TypeORM source's connection side, as the CLI uses it on a model-cache hit: restored
 * from the DataSource options the cache kept, without loading anything
 * (docs/architecture.md, "Model sources behind one port").
 */
describe("the TypeORM model source, restored from the model cache", () => {
  const project = (config: Record<string, unknown>, warnings: string[] = []): SourceProject => ({
    configFile: "/app/retort.config.ts",
    projectDir: "/app",
    cwd: "/app",
    config,
    explicitUrl: undefined,
    onWarning: (m) => warnings.push(m),
  });
  const options = { type: "postgres", host: "db", port: 5433, username: "app", password: "pw", database: "shop", schema: "sales", ssl: true, migrationsTableName: "history", synchronize: true };

  it("says the DataSource's database, engine and bookkeeping tables, and warns about synchronize", () => {
    const warnings: string[] = [];
    const source = modelSourceKind.cache!.restore({ options }, project({ dataSource: "/app/src/data-source.ts" }, warnings));
    expect(source.dialect).to.equal("postgres");
    expect(source.declaredEngine).to.deep.equal({ family: "postgres", declaredBy: 'the DataSource\'s type is "postgres"' });
    expect(source.connection()).to.deep.equal({ url: "postgres://app:pw@db:5433/shop?options=-c+search_path%3Dsales", ssl: true });
    expect(source.bookkeepingTables({ dialect: "postgres", defaultSchema: "public", serverVersion: null }).map((t) => `${t.schema}.${t.name}`)).to.deep.equal([
      "sales.history",
      "sales.typeorm_metadata",
      "null._prisma_migrations",
    ]);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include("src/data-source.ts has `synchronize: true`");
  });

  it("declares no engine for an `entities` config, whose DataSource is built from the URL", () => {
    const source = modelSourceKind.cache!.restore({ options: { type: "better-sqlite3", database: "/app/app.db" } }, project({ entities: ["./src/*.ts"] }));
    expect(source.declaredEngine).to.equal(null);
    expect(source.dialect).to.equal("sqlite");
    expect(source.connection()).to.deep.equal({ url: "sqlite:/app/app.db?driver=better-sqlite3" });
  });

  it("points at file and line from the declarations it kept, and has no locator without them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-restored-"));
    const file = join(dir, "user.ts");
    writeFileSync(file, "import { Column, Entity } from \"typeorm\";\n\n@Entity()\nexport class User {\n  @Column()\n  name!: string;\n}\n");
    const declarations = { tables: [{ schema: null, table: "user", at: [file, "User"], columns: { name: "name" } }] };
    const locate = await modelSourceKind.cache!.locator!(declarations)!();
    expect(locate({ schema: null, table: "user", column: "name", columns: [] })).to.deep.equal({ file, line: 6 });
    expect(locate({ schema: null, table: "user", column: null, columns: [] })).to.deep.equal({ file, line: 4 });
    expect(locate({ schema: null, table: "gone", column: null, columns: [] })).to.equal(undefined);
    expect(modelSourceKind.cache!.locator!(undefined)).to.equal(undefined);
  });

  it("watches the DataSource module's folder", () => {
    expect(modelSourceKind.watchFolders(project({ dataSource: "/app/src/data-source.ts" }))).to.deep.equal(["/app/src"]);
    expect(modelSourceKind.watchFolders(project({ entities: ["./src/*.ts"] }))).to.deep.equal([]);
  });
});
