import { compareSchemas, describeOperations } from "@retort/compare";
import type { SchemaModel } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TargetContext } from "@retort/testing";
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { autogen, check, upgrade } from "../src";
import { fixtureProject } from "./support/fixture-project";
import { prismaMigrateSql, prismaProject, runPrismaSql } from "./support/prisma-example";
import { RETORT_BIN, runRetort } from "./support/run-retort";

const withoutRetortTables = (model: SchemaModel): SchemaModel => ({ ...model, tables: model.tables.filter((t) => !t.name.startsWith("retort_version")) });

async function reflect(url: string): Promise<SchemaModel> {
  const db = await connect(url);
  try {
    return withoutRetortTables(await introspect(db));
  } finally {
    await db.close();
  }
}

/** The URL as a Prisma user writes it: `file:` for SQLite (better-sqlite3), the server URL otherwise. */
function prismaUrl(ctx: TargetContext): string {
  return ctx.target.name === "sqlite" ? `file:${ctx.db.name}` : ctx.db.url;
}

const providerOf = (ctx: TargetContext) => (ctx.target.family === "postgres" ? "postgresql" : ctx.target.family === "mysql" ? "mysql" : "sqlite");

describeEachTarget(
  "examples/prisma-blog, the whole cycle with a Prisma schema",
  (ctx) => {
    let project: ReturnType<typeof prismaProject>;
    let env: NodeJS.ProcessEnv;
    let afterFirst: SchemaModel;
    const retort = (...args: string[]) => runRetort(args, project.dir, env);
    const migrations = () => readdirSync(join(project.dir, "migrations")).filter((f) => f.endsWith(".ts")).sort();

    before(() => {
      project = prismaProject(providerOf(ctx));
      // The cycle starts as a user's Prisma project does: with no retort config yet.
      rmSync(join(project.dir, "retort.config.ts"));
      env = { DATABASE_URL: prismaUrl(ctx) };
    });
    after(() => project?.remove());

    it("retort init recognises prisma/schema.prisma and writes a config with the prisma key", () => {
      const run = retort("init");
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout + run.stderr).to.include("Using the Prisma schema in ./prisma/schema.prisma.");
      expect(project.read("retort.config.ts")).to.include('prisma: "./prisma/schema.prisma"').and.not.include("dataSource:");
    });

    it("autogen writes the initial migration from schema.prisma: User, Post, Tag and _PostToTag", () => {
      const run = retort("autogen", "-m", "initial schema");
      expect(run.code, run.stderr).to.equal(0);
      for (const table of ["User", "Post", "Tag", "_PostToTag"]) expect(run.stdout).to.include(`+ add table ${table} `);
      expect(migrations()).to.have.length(1);
    });

    it("upgrade applies it, and check finds the database in sync", async () => {
      const up = retort("upgrade");
      expect(up.code, up.stderr).to.equal(0);
      const check = retort("check");
      expect(check.code, check.stdout + check.stderr).to.equal(0);
      expect(check.stdout + check.stderr).to.include("No new upgrade operations detected.");
      afterFirst = await reflect(ctx.db.url);
      expect(afterFirst.tables.map((t) => t.name).sort()).to.deep.equal(["Post", "Tag", "User", "_PostToTag"]);
    });

    // Prisma's schema engine has no WebAssembly build for MySQL: MariaDB runs the cycle only.
    if (ctx.target.family !== "mysql") it("the database retort built equals the one Prisma Migrate's SQL builds", async function () {
      this.timeout(60_000);
      const provider = ctx.target.family === "postgres" ? "postgres" : "sqlite";
      const other = await createTestDatabase(ctx.target);
      try {
        const db = await connect(other.url);
        try {
          await runPrismaSql(db, await prismaMigrateSql(project.read("prisma/schema.prisma"), provider));
        } finally {
          await db.close();
        }
        const byPrisma = await reflect(other.url);
        expect(byPrisma.tables).to.have.length(4);
        expect(describeOperations(compareSchemas(byPrisma, afterFirst))).to.deep.equal([]);
      } finally {
        await other.drop();
      }
    });

    it("a schema edit is detected, generated and applied; downgrade -1 restores the first schema", async () => {
      project.edit("prisma/schema.prisma", "  name      String?\n", "  name      String?\n  bio       String?\n");
      project.edit("prisma/schema.prisma", "model Tag {", "model Comment {\n  id     Int    @id @default(autoincrement())\n  text   String\n  postId Int\n  post   Post   @relation(fields: [postId], references: [id], onDelete: Cascade)\n}\n\nmodel Tag {");
      project.edit("prisma/schema.prisma", "  tags      Tag[]\n", "  tags      Tag[]\n  comments  Comment[]\n");
      const check = retort("check", "--json");
      expect(check.code, check.stderr).to.equal(1);
      const kinds = (JSON.parse(check.stdout) as { operations: { kind: string; table: string; column: string | null }[] }).operations.map((o) => `${o.kind} ${o.table}${o.column ? `.${o.column}` : ""}`);
      expect(kinds).to.include("add_column User.bio").and.include("add_table Comment");

      // Each difference names the schema line behind it (docs/reference.md §2).
      const lines = project.read("prisma/schema.prisma").split("\n");
      const lineOf = (text: string) => lines.findIndex((l) => l.startsWith(text)) + 1;
      const human = retort("check");
      expect(human.code).to.equal(1);
      expect(human.stdout).to.include(`prisma/schema.prisma:${lineOf("  bio ")}: + add column User.bio`);
      expect(human.stdout).to.include(`prisma/schema.prisma:${lineOf("model Comment {")}: + add table Comment`);

      expect(retort("autogen", "-m", "bio and comments").code).to.equal(0);
      expect(migrations()).to.have.length(2);
      const up = retort("upgrade");
      expect(up.code, up.stderr).to.equal(0);
      const again = retort("check");
      expect(again.code, again.stdout + again.stderr).to.equal(0);

      const down = retort("downgrade", "-1");
      expect(down.code, down.stderr).to.equal(0);
      expect(describeOperations(compareSchemas(afterFirst, await reflect(ctx.db.url)))).to.deep.equal([]);
    });
  },
  { targets: ["postgres", "mariadb", "sqlite", "sqlite3"] },
);

describeEachTarget(
  "adopting a database Prisma Migrate built (with _prisma_migrations)",
  (ctx) => {
    let project: ReturnType<typeof prismaProject>;
    const retort = (...args: string[]) => runRetort(args, project.dir, { DATABASE_URL: prismaUrl(ctx) });
    const prismaHistory = async () => {
      const db = await connect(ctx.db.url);
      try {
        return await db.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
      } finally {
        await db.close();
      }
    };

    before(async function () {
      this.timeout(60_000);
      project = prismaProject(providerOf(ctx));
      const db = await connect(ctx.db.url);
      try {
        await runPrismaSql(db, await prismaMigrateSql(project.read("prisma/schema.prisma"), ctx.target.family === "postgres" ? "postgres" : "sqlite"));
        // Prisma Migrate's history table, as `prisma migrate deploy` leaves it.
        await db.query(
          'CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMP, ' +
            '"migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMP, "started_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "applied_steps_count" INTEGER NOT NULL DEFAULT 0)',
        );
        await db.query(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name") VALUES ('1', 'abc', '20260101000000_init')`);
      } finally {
        await db.close();
      }
    });
    after(() => project?.remove());

    it("check finds the schema and the database in sync, _prisma_migrations left out", () => {
      const check = retort("check");
      expect(check.code, check.stdout + check.stderr).to.equal(0);
    });

    it("baseline adopts it; _prisma_migrations is never touched; check stays 0", async () => {
      const baseline = retort("baseline", "-m", "baseline");
      expect(baseline.code, baseline.stdout + baseline.stderr).to.equal(0);
      expect(readdirSync(join(project.dir, "migrations")).filter((f) => f.endsWith(".ts"))).to.have.length(1);
      const check = retort("check");
      expect(check.code, check.stdout + check.stderr).to.equal(0);
      expect(await prismaHistory()).to.deep.equal([{ migration_name: "20260101000000_init" }]);
      const current = JSON.parse(retort("current", "--json").stdout) as { heads: unknown[] };
      expect(current.heads).to.have.length(1);
    });
  },
  { targets: ["postgres", "sqlite"] },
);

describeEachTarget(
  "retort check --watch on a Prisma project",
  (ctx) => {
    let project: ReturnType<typeof prismaProject>;
    let child: ChildProcess | undefined;
    after(() => {
      child?.kill("SIGKILL");
      project?.remove();
    });

    it("re-checks when schema.prisma is saved, naming the schema line", async function () {
      this.timeout(120_000);
      project = prismaProject("sqlite");
      let output = "";
      child = spawn(process.execPath, [RETORT_BIN, "check", "--watch"], { cwd: project.dir, env: { ...process.env, NO_COLOR: "1", DATABASE_URL: prismaUrl(ctx) } });
      child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
      const statusLines = () => output.split("\n").filter((l) => /retort check --watch: (in sync|differences found|error)/.test(l));
      const until = async (count: number) => {
        const deadline = Date.now() + 60_000;
        while (statusLines().length < count) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for check #${count}; output:\n${output}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await until(1);
      expect(statusLines()[0]).to.include("differences found");
      expect(output).to.include("prisma/schema.prisma:7: + add table User (4 columns)");

      project.edit("prisma/schema.prisma", "  name      String?\n", "  name      String?\n  bio       String?\n");
      await until(2);
      expect(statusLines()[1], output).to.include("differences found");
      expect(output, output).to.include("prisma/schema.prisma:7: + add table User (5 columns)");
      child.kill("SIGINT");
      child = undefined;
    });
  },
  { targets: ["sqlite"] },
);

describe("the prisma config key, refused mistakes", () => {
  const schema = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n\nmodel User {\n  id Int @id\n}\n`;
  const run = (files: Record<string, string>, env: NodeJS.ProcessEnv = {}) => {
    const project = fixtureProject(files);
    try {
      return runRetort(["check"], project.dir, env);
    } finally {
      project.remove();
    }
  };
  const expectOneLine = (r: { code: number; stderr: string }, text: string) => {
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr).to.include(text);
    expect(r.stderr).not.to.match(/\n\s+at /);
  };

  it("two model sources", () => {
    const r = run({ "retort.config.json": '{ "prisma": "./schema.prisma", "entities": "./src/*.ts" }', "schema.prisma": schema("sqlite") });
    expectOneLine(r, 'it names two model sources: "prisma" and "entities". Keep one.');
  });

  it("a prisma value that is not a path", () => {
    expectOneLine(run({ "retort.config.json": '{ "prisma": 3 }' }), '"prisma" must be a path such as "./prisma/schema.prisma"');
  });

  it("a schema that is not there", () => {
    expectOneLine(run({ "retort.config.json": '{ "prisma": "./prisma/schema.prisma" }' }), "does not exist. Point the `prisma` config key at schema.prisma");
  });

  it("no database anywhere", () => {
    expectOneLine(run({ "retort.config.json": '{ "prisma": "./schema.prisma" }', "schema.prisma": schema("postgresql") }), "The Prisma schema schema.prisma names no database");
  });

  it("a provider retort does not read yet", () => {
    const r = run({ "retort.config.json": '{ "prisma": "./schema.prisma" }', "schema.prisma": schema("mongodb") }, { DATABASE_URL: "sqlite::memory:" });
    expectOneLine(r, 'The Prisma datasource provider "mongodb"');
  });
});

describeEachTarget(
  "a Prisma project's bookkeeping tables",
  (ctx) => {
    it("only _prisma_migrations is left out: a table named like TypeORM's history is the project's", async () => {
      const project = prismaProject("sqlite");
      try {
        const db = await connect(ctx.db.url);
        try {
          await db.query('CREATE TABLE "migrations" ("id" INTEGER PRIMARY KEY)');
          await db.query('CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL)');
        } finally {
          await db.close();
        }
        const check = runRetort(["check", "--json"], project.dir, { DATABASE_URL: prismaUrl(ctx) });
        expect(check.code, check.stderr).to.equal(1);
        const removed = (JSON.parse(check.stdout) as { operations: { kind: string; table: string }[] }).operations.filter((o) => o.kind === "remove_table").map((o) => o.table);
        expect(removed).to.deep.equal(["migrations"]);
      } finally {
        project.remove();
      }
    });
  },
  { targets: ["sqlite"] },
);

describeEachTarget(
  "the programmatic API on a Prisma project",
  (ctx) => {
    it("autogen, upgrade and check take the model and the database from the prisma config", async function () {
      this.timeout(60_000);
      const project = prismaProject("postgresql");
      try {
        const options = { cwd: project.dir, url: ctx.db.url };
        const generated = await autogen({ ...options, message: "initial" });
        expect(generated.operations.map((o) => o.kind)).to.deep.equal(["add_table", "add_table", "add_table", "add_table"]);
        await upgrade("head", options);
        const result = await check(options);
        expect(result).to.include({ upToDate: true, dialect: "postgres" });
      } finally {
        project.remove();
      }
    });
  },
  { targets: ["postgres"] },
);

describe("a Prisma SQLite URL", () => {
  it("file:./dev.db is relative to the schema's folder, as Prisma reads it", function () {
    this.timeout(60_000);
    const project = prismaProject("sqlite");
    try {
      const run = runRetort(["autogen", "-m", "initial"], project.dir, { DATABASE_URL: "file:./dev.db" });
      expect(run.code, run.stderr).to.equal(0);
      expect(runRetort(["upgrade"], project.dir, { DATABASE_URL: "file:./dev.db" }).code).to.equal(0);
      expect(existsSync(join(project.dir, "prisma", "dev.db"))).to.equal(true);
      expect(existsSync(join(project.dir, "dev.db"))).to.equal(false);
    } finally {
      project.remove();
    }
  });
});
