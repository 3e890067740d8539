import { connect, introspect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { BLOG_EXAMPLE, blogProject, REPO_ROOT, runBlogApp } from "./support/blog-example";
import { runRetort } from "./support/run-retort";

/** The URL the example's data-source.ts understands for a test database. */
function exampleUrl(target: string, url: string, name: string): string {
  if (target === "mariadb") return url.replace(/^mysql:/, "mariadb:");
  if (target === "sqlite") return `sqlite:${name}`;
  return url;
}

describeEachTarget(
  "examples/blog, the whole cycle",
  (ctx) => {
    let project: ReturnType<typeof blogProject>;
    let env: NodeJS.ProcessEnv;
    const retort = (...args: string[]) => runRetort(args, project.dir, env);
    const migrations = () => readdirSync(join(project.dir, "migrations")).filter((f) => f.endsWith(".ts")).sort();

    before(() => {
      project = blogProject();
      env = { DATABASE_URL: exampleUrl(ctx.target.name, ctx.db.url, ctx.db.name) };
    });
    after(() => project?.remove());

    it("autogen writes the initial migration: users, posts, tags and their join table", () => {
      const run = retort("autogen", "-m", "initial schema");
      expect(run.code, run.stderr).to.equal(0);
      for (const table of ["users", "posts", "tags", "post_tags"]) expect(run.stdout).to.include(`+ add table ${table} `);
      expect(migrations()).to.have.length(1);
    });

    it("upgrade applies it, and check finds the database in sync", () => {
      const up = retort("upgrade");
      expect(up.code, up.stderr).to.equal(0);
      const check = retort("check");
      expect(check.stdout + check.stderr).to.include("No new upgrade operations detected.");
      expect(check.code).to.equal(0);
    });

    it("the app works on the migrated schema (enum, JSON, many-to-many)", () => {
      const app = runBlogApp(project.dir, env.DATABASE_URL as string);
      expect(app.code, app.stderr).to.equal(0);
      expect(app.stdout).to.include('#1 Notes #1 by Ada [migrations, typeorm] {"readingMinutes":3}');
    });

    it("an entity change is detected, generated, applied; the app's data is kept", () => {
      project.edit("src/entities/user.ts", 'length: 100 })\n  name', 'length: 200 })\n  name');
      project.edit("src/entities/user.ts", "  @OneToMany(", '  @Column({ type: "text", nullable: true })\n  bio?: string;\n\n  @OneToMany(');
      const check = retort("check", "--json");
      expect(check.code, check.stderr).to.equal(1);
      const kinds = (JSON.parse(check.stdout) as { operations: { kind: string; column: string }[] }).operations.map((o) => `${o.kind} ${o.column}`).sort();
      expect(kinds).to.deep.equal(["add_column bio", "modify_type name"]);

      expect(retort("autogen", "-m", "user bio, longer names").code).to.equal(0);
      expect(migrations()).to.have.length(2);
      const up = retort("upgrade");
      expect(up.code, up.stderr).to.equal(0);
      const again = retort("check");
      expect(again.code, again.stdout + again.stderr).to.equal(0);
      const app = runBlogApp(project.dir, env.DATABASE_URL as string);
      expect(app.code, app.stderr).to.equal(0);
      expect(app.stdout).to.include("#1 Notes #1").and.include("#2 Notes #2");
    });

    it("downgrade base reverts both migrations: only retort's version table is left", async () => {
      const down = retort("downgrade", "base");
      expect(down.code, down.stderr).to.equal(0);
      expect((JSON.parse(retort("current", "--json").stdout) as { heads: unknown[] }).heads).to.deep.equal([]);
      const db = await connect(ctx.db.url);
      try {
        const model = await introspect(db);
        expect(model.tables.map((t) => t.name).filter((name) => !name.startsWith("retort_version"))).to.deep.equal([]);
        expect(model.enums).to.deep.equal([]);
      } finally {
        await db.close();
      }
    });
  },
  { targets: ["postgres", "mariadb", "sqlite"] },
);

describe("examples/blog", () => {
  it("type-checks with its own tsconfig.json (retort and ts-node only transpile it)", function () {
    this.timeout(120_000);
    const tsc = spawnSync(process.execPath, [join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", BLOG_EXAMPLE], { encoding: "utf8" });
    expect(tsc.status, tsc.stdout + tsc.stderr).to.equal(0);
  });
});
