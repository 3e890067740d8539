import type { Queryable, SchemaModel } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { quoteVersionIdent } from "@retort/runtime";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { readdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { expectSameSchema } from "./roundtrip/schema-equality";
import type { FixtureProject } from "./support/fixture-project";
import { runRetort, type RetortRun } from "./support/run-retort";
import { ADOPTION_ENTITIES, runTypeormTask, typeormBuiltProject } from "./support/typeorm-built-project";

const CONFIG = 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts" });\n';

async function withDb<T>(url: string, body: (db: Queryable) => Promise<T>): Promise<T> {
  const db = await connect(url);
  try {
    return await body(db);
  } finally {
    await db.close();
  }
}

/** Every row of a table, in a stable order, as JSON-comparable values. */
function rowsOf(url: string, table: string, orderBy: string): Promise<unknown[]> {
  return withDb(url, async (db) => {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM ${quoteVersionIdent(db.dialect, table)} ORDER BY ${quoteVersionIdent(db.dialect, orderBy)}`);
    return rows.map((r) => JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))) as unknown);
  });
}

/** The reflected schema without bookkeeping tables; the default schema's name (a MySQL database's) left out. */
function reflectedSchema(url: string, leaveOut: readonly string[]): Promise<SchemaModel> {
  return withDb(url, async (db) => {
    const model = await introspect(db, {});
    return { ...model, defaultSchema: "", tables: model.tables.filter((t) => !leaveOut.includes(t.name)) };
  });
}

function expectExit(run: RetortRun, code: number, what: string): void {
  expect(run.code, `${what}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).to.equal(code);
}

const BOOKKEEPING = ["retort_version", "retort_version_applied", "migrations", "schema_history", "_prisma_migrations"];

describeEachTarget("adopting a database built by TypeORM's migrations", (ctx) => {
  let project: FixtureProject;
  let fresh: TestDatabase | undefined;
  let typeormHistory: unknown[];
  let users: unknown[];
  let posts: unknown[];
  let baselineRevision: string;

  before(function () {
    this.timeout(120_000);
    project = typeormBuiltProject(ctx.target.name, ctx.db.url, 'migrations: [join(__dirname, "migration", "*.ts")],');
    runTypeormTask(project, "generate");
    runTypeormTask(project, "migrate");
  });
  after(async () => {
    project?.remove();
    await fresh?.drop();
  });

  it("has TypeORM's history and the data to keep", async () => {
    typeormHistory = await rowsOf(ctx.db.url, "migrations", "id");
    expect(typeormHistory).to.have.length(1);
    expect(JSON.stringify(typeormHistory)).to.include("Init1700000000000");
    users = await rowsOf(ctx.db.url, "user", "id");
    expect(users).to.have.length(2);
    posts = await rowsOf(ctx.db.url, "post", "id");
    expect(posts).to.have.length(1);
  });

  it("init notices the database and TypeORM's migrations, and points at baseline", () => {
    const run = runRetort(["init"], project.dir);
    expectExit(run, 0, "init");
    expect(run.stdout).to.include("the database already has 2 tables");
    expect(run.stdout).to.include("TypeORM's `migrations` table records 1 applied migration");
    expect(run.stdout).to.include("the DataSource names 1 TypeORM migration");
    expect(run.stdout).to.include('retort baseline -m "baseline"');
  });

  it("never offers to drop TypeORM's migrations table", () => {
    const check = runRetort(["check"], project.dir);
    expectExit(check, 0, "check before adoption");
    const autogen = runRetort(["autogen", "--dry-run", "-m", "baseline"], project.dir);
    expectExit(autogen, 0, "autogen --dry-run");
    expect(autogen.stdout).to.include("No changes detected.");
    expect(autogen.stdout).not.to.include("dropTable");
    expect(autogen.stdout).to.include('Adopt it with `retort baseline -m "baseline"`');
  });

  it("baseline refuses, listing them, when the entities and the database differ; a first autogen warns", () => {
    project.write("src/entities/user.ts", ADOPTION_ENTITIES["src/entities/user.ts"].replace("active!: boolean;", "active!: boolean;\n  @Column({ default: 0 }) score!: number;"));
    try {
      const run = runRetort(["baseline", "-m", "baseline"], project.dir);
      expectExit(run, 2, "baseline with a difference");
      expect(run.stderr).to.include("differ in 1 place").and.include("add column user.score");
      expect(run.stderr).to.include("baseline writes the entities' schema");
      expect(run.stderr).not.to.match(/\n\s+at /);
      expect(readdirSync(join(project.dir, "migrations"))).to.deep.equal([]);
      const autogen = runRetort(["autogen", "--dry-run", "-m", "score"], project.dir);
      expectExit(autogen, 0, "autogen --dry-run with a difference");
      expect(autogen.stderr).to.include("a fresh database cannot be built from the migrations");
    } finally {
      project.write("src/entities/user.ts", ADOPTION_ENTITIES["src/entities/user.ts"]);
    }
  });

  it("baseline writes one revision creating the schema and stamps the database; check exits 0 at once", async () => {
    const run = runRetort(["baseline", "-m", "baseline", "--json"], project.dir);
    expectExit(run, 0, "baseline");
    const doc = JSON.parse(run.stdout) as { revision: string; file: string; stamped: boolean; keptTables: { name: string; owner: string }[]; operations: { kind: string; table: string }[] };
    baselineRevision = doc.revision;
    expect(doc.stamped).to.equal(true);
    expect(doc.keptTables.map((t) => `${t.name} (${t.owner})`)).to.deep.equal(["migrations (TypeORM migrations)"]);
    expect(doc.operations.filter((o) => o.kind === "add_table").map((o) => o.table).sort()).to.deep.equal(["post", "user"]);
    const source = readFileSync(doc.file, "utf8");
    expect(source).to.include("createTable").and.not.include('"migrations"');
    expectExit(runRetort(["check"], project.dir), 0, "check after baseline");
    expect(runRetort(["current"], project.dir).stdout).to.include(baselineRevision);
    expect(await rowsOf(ctx.db.url, "migrations", "id")).to.deep.equal(typeormHistory);
    expect(await rowsOf(ctx.db.url, "user", "id")).to.deep.equal(users);
    expect(await rowsOf(ctx.db.url, "post", "id")).to.deep.equal(posts);
  });

  it("baseline refuses a second time: the migrations folder has a revision", () => {
    const run = runRetort(["baseline", "-m", "again"], project.dir);
    expectExit(run, 2, "second baseline");
    expect(run.stderr).to.include("already has 1 revision").and.include("retort stamp head");
  });

  it("baseline refuses a database that already records retort revisions", () => {
    renameSync(join(project.dir, "migrations"), join(project.dir, "migrations.away"));
    try {
      const run = runRetort(["baseline", "-m", "again"], project.dir);
      expectExit(run, 2, "baseline on an adopted database");
      expect(run.stderr).to.include(`already records retort revision ${baselineRevision}`);
    } finally {
      renameSync(join(project.dir, "migrations.away"), join(project.dir, "migrations"));
    }
  });

  it("a fresh database upgraded with the baseline equals the adopted one", async function () {
    this.timeout(60_000);
    fresh = await createTestDatabase(ctx.target);
    expectExit(runRetort(["upgrade", "--url", fresh.url], project.dir), 0, "upgrade of a fresh database");
    expectExit(runRetort(["check", "--url", fresh.url], project.dir), 0, "check of the fresh database");
    expectSameSchema(await reflectedSchema(fresh.url, BOOKKEEPING), await reflectedSchema(ctx.db.url, BOOKKEEPING), "fresh vs adopted");
  });

  it("then works as usual: entity edit → autogen → upgrade → check 0 → downgrade -1", async () => {
    project.write("src/entities/user.ts", ADOPTION_ENTITIES["src/entities/user.ts"].replace("active!: boolean;", "active!: boolean;\n  @Column({ default: 0 }) score!: number;"));
    const autogen = runRetort(["autogen", "-m", "add score"], project.dir);
    expectExit(autogen, 0, "autogen");
    expect(autogen.stdout).to.include("add column user.score");
    expectExit(runRetort(["upgrade"], project.dir), 0, "upgrade");
    expectExit(runRetort(["check"], project.dir), 0, "check after upgrade");
    expectExit(runRetort(["downgrade", "-1"], project.dir), 0, "downgrade -1");
    expect(runRetort(["current"], project.dir).stdout).to.include(baselineRevision);
    const user = (await reflectedSchema(ctx.db.url, BOOKKEEPING)).tables.find((t) => t.name === "user");
    expect(user?.columns.map((c) => c.name)).to.deep.equal(["id", "name", "email", "active"]);
    expect(await rowsOf(ctx.db.url, "migrations", "id")).to.deep.equal(typeormHistory);
    expect(await rowsOf(ctx.db.url, "user", "id")).to.deep.equal(users);
    expect(await rowsOf(ctx.db.url, "post", "id")).to.deep.equal(posts);
  });
});

describeEachTarget("adopting a database built by synchronize, beside Prisma's and a renamed TypeORM history", (ctx) => {
  let project: FixtureProject;
  let fresh: TestDatabase | undefined;
  const prismaRow = { id: "p1", checksum: "abc", migration_name: "20240101_init" };

  before(async function () {
    this.timeout(120_000);
    project = typeormBuiltProject(ctx.target.name, ctx.db.url, 'migrationsTableName: "schema_history",');
    runTypeormTask(project, "synchronize");
    await withDb(ctx.db.url, async (db) => {
      const q = (name: string) => quoteVersionIdent(db.dialect, name);
      await db.query(`CREATE TABLE ${q("_prisma_migrations")} (id VARCHAR(36) NOT NULL PRIMARY KEY, checksum VARCHAR(64) NOT NULL, migration_name VARCHAR(255) NOT NULL)`);
      await db.query(`INSERT INTO ${q("_prisma_migrations")} (id, checksum, migration_name) VALUES ('p1', 'abc', '20240101_init')`);
      await db.query(`CREATE TABLE ${q("schema_history")} (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL)`);
      await db.query(`INSERT INTO ${q("schema_history")} (id, name) VALUES (1, 'Init1700000000000')`);
    });
  });
  after(async () => {
    project?.remove();
    await fresh?.drop();
  });

  it("init notices the tables and points at baseline", () => {
    const run = runRetort(["init"], project.dir);
    expectExit(run, 0, "init");
    expect(run.stdout).to.include("the database already has 2 tables").and.include('retort baseline -m "baseline"');
    expect(run.stdout).to.include("TypeORM's `schema_history` table records 1 applied migration");
  });

  it("check leaves out Prisma's table and the DataSource's migrationsTableName", () => {
    const run = runRetort(["check"], project.dir);
    expectExit(run, 0, "check");
  });

  it("baseline adopts it, keeping both tables and their rows; check exits 0", async () => {
    const run = runRetort(["baseline", "-m", "baseline"], project.dir);
    expectExit(run, 0, "baseline");
    expect(run.stdout).to.include("left untouched: _prisma_migrations (Prisma migrations)");
    expect(run.stdout).to.include("left untouched: schema_history (TypeORM migrations)");
    expect(run.stdout).to.include("Stamped the database at");
    expectExit(runRetort(["check"], project.dir), 0, "check after baseline");
    expect(await rowsOf(ctx.db.url, "_prisma_migrations", "id")).to.deep.equal([prismaRow]);
    expect((await rowsOf(ctx.db.url, "schema_history", "id")).length).to.equal(1);
    expect(await rowsOf(ctx.db.url, "user", "id")).to.have.length(2);
  });

  it("a fresh database upgraded with the baseline equals the adopted one", async function () {
    this.timeout(60_000);
    fresh = await createTestDatabase(ctx.target);
    expectExit(runRetort(["upgrade", "--url", fresh.url], project.dir), 0, "upgrade of a fresh database");
    expectSameSchema(await reflectedSchema(fresh.url, BOOKKEEPING), await reflectedSchema(ctx.db.url, BOOKKEEPING), "fresh vs adopted");
  });
});

describeEachTarget(
  "retort baseline on an empty database",
  (ctx) => {
    let project: FixtureProject;
    before(() => {
      project = typeormBuiltProject(ctx.target.name, ctx.db.url, "");
      project.write("retort.config.ts", CONFIG);
    });

    it("init says nothing about adoption for a new project", () => {
      const fresh = typeormBuiltProject(ctx.target.name, ctx.db.url, "");
      try {
        const run = runRetort(["init"], fresh.dir);
        expectExit(run, 0, "init");
        expect(run.stdout).to.include('Next: retort autogen -m "initial schema"').and.not.include("baseline");
      } finally {
        fresh.remove();
      }
    });
    after(() => project?.remove());

    it("refuses and says to use autogen and upgrade", () => {
      const run = runRetort(["baseline", "-m", "baseline"], project.dir);
      expectExit(run, 2, "baseline on an empty database");
      expect(run.stderr).to.include("no tables to adopt").and.include("retort autogen");
    });
  },
  { targets: ["postgres", "sqlite"] },
);
