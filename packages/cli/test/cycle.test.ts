import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort, type RetortRun } from "./support/run-retort";

const AUTHOR = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Author {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 80 }) name!: string;
}
`;

const BOOK = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Author } from "./author";

@Entity()
export class Book {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 120 }) title!: string;
  @ManyToOne(() => Author, { onDelete: "CASCADE" }) author!: Author;
}
`;

function ok(run: RetortRun): RetortRun {
  expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
  return run;
}

describeEachTarget("autogen → upgrade → check → downgrade", (ctx) => {
  let project: FixtureProject;
  const retort = (...args: string[]) => runRetort(args, project.dir);
  const migrationFiles = () => readdirSync(join(project.dir, "migrations")).sort();

  before(() => {
    project = fixtureProject(
      {
        "src/entities/author.ts": AUTHOR,
        "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url),
        "retort.config.ts": 'import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts" });\n',
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
  });
  after(() => project?.remove());

  it("writes a first migration, applies it, and is in sync", () => {
    const gen = ok(retort("autogen", "-m", "create authors"));
    expect(gen.stdout).to.match(/Generated migrations\/\d{4}_\d\d_\d\d_[0-9a-f]{12}_create_authors\.ts/);
    expect(readFileSync(join(project.dir, "migrations", migrationFiles()[0]!), "utf8")).to.match(/await op\.createTable\(\s*"author"/);
    expect(ok(retort("upgrade")).stdout).to.match(/^Running upgrade <base> -> [0-9a-f]{12}, create authors$/m);
    expect(ok(retort("check")).stdout).to.include("No new upgrade operations detected.");
  });

  it("says so when there is nothing to generate", () => {
    expect(ok(retort("autogen", "-m", "nothing")).stdout).to.include("No changes detected.");
    expect(migrationFiles()).to.have.length(1);
  });

  it("adds a related table in a second revision on top of the first", () => {
    project.write("src/entities/book.ts", BOOK);
    const gen = ok(retort("autogen", "-m", "add books", "--json"));
    const doc = JSON.parse(gen.stdout) as { file: string; operations: { kind: string; table: string }[] };
    expect(doc.operations.map((o) => `${o.kind} ${o.table}`)).to.deep.equal(["add_table book"]);
    expect(readFileSync(doc.file, "utf8")).to.match(/downRevision = "[0-9a-f]{12}"/);
    ok(retort("upgrade", "head"));
    expect(ok(retort("check")).code).to.equal(0);
    const history = ok(retort("history")).stdout.trim().split("\n");
    expect(history).to.have.length(2);
    expect(history[0]).to.include("(head)").and.include("add books");
  });

  it("refuses to autogen while the database is behind head, exit 2", () => {
    ok(retort("downgrade", "-1"));
    const run = retort("autogen", "-m", "too early");
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("retort upgrade head");
    ok(retort("upgrade"));
  });

  it("downgrades to base and back, leaving only the version tables", () => {
    ok(retort("downgrade", "base"));
    expect(ok(retort("current")).stdout).to.include("<base>");
    const behind = retort("check", "--json");
    expect(behind.code).to.equal(2);
    expect(JSON.parse(behind.stdout).error.code).to.equal("database_not_at_head");
    ok(retort("upgrade"));
    expect(ok(retort("check")).code).to.equal(0);
  });
});
