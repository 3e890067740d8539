import { connect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { blogProject, REPO_ROOT } from "./support/blog-example";
import { runRetort } from "./support/run-retort";

const RECIPES = join(REPO_ROOT, "recipes");
const WORKFLOW = readFileSync(join(RECIPES, "github-actions", "retort-check.yml"), "utf8");

interface MatcherPattern {
  readonly regexp: string;
  readonly file: number;
  readonly line: number;
  readonly message: number;
}

interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** What an editor or GitHub does with a matcher: every output line its regexp matches becomes a problem. */
function problems(pattern: MatcherPattern, output: string): Problem[] {
  const regexp = new RegExp(pattern.regexp);
  return output.split("\n").flatMap((text) => {
    const m = regexp.exec(text);
    return m ? [{ file: m[pattern.file], line: Number(m[pattern.line]), message: m[pattern.message] }] : [];
  });
}

/** The 1-based line of the first line containing `text`. */
function lineOf(source: string, text: string): number {
  const index = source.split("\n").findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`no line contains ${text}`);
  return index + 1;
}

/** The `run:` commands of the workflow's steps, in order (one-line values, as the recipe writes them). */
function runCommands(yaml: string): string[] {
  return [...yaml.matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((m) => m[1].trim());
}

/** `key: value` at any depth (the first one). */
function scalar(yaml: string, key: string): string {
  const m = new RegExp(`^\\s*${key}: (.+)$`, "m").exec(yaml);
  if (!m) throw new Error(`the workflow has no ${key}`);
  return m[1].trim();
}

/** Runs `npx retort …` commands the way the shell would, on the repo's binary. */
function runRetortCommand(command: string, cwd: string, env: NodeJS.ProcessEnv) {
  const args = command.replace(/^npx retort\s*/, "").split(/\s+/).filter(Boolean);
  return runRetort(args, cwd, env);
}

/** The example's entity change used below: a longer name, a new column, a different ON DELETE. */
function driftEntities(project: ReturnType<typeof blogProject>): void {
  project.edit("src/entities/user.ts", 'length: 100 })\n  name', 'length: 200 })\n  name');
  project.edit("src/entities/user.ts", "  @OneToMany(", '  @Column({ type: "text", nullable: true })\n  bio?: string;\n\n  @OneToMany(');
  project.edit("src/entities/post.ts", 'onDelete: "CASCADE"', 'onDelete: "RESTRICT"');
}

describe("recipes/github-actions/retort-check.yml", () => {
  it("is plain YAML with the parts GitHub needs: triggers, a job on ubuntu, steps", () => {
    expect(WORKFLOW).not.to.include("\t");
    expect(WORKFLOW).to.match(/^name: .+$/m);
    expect(WORKFLOW).to.match(/^on:\n {2}push:\n {2}pull_request:$/m);
    expect(WORKFLOW).to.match(/^jobs:\n {2}[\w-]+:\n {4}runs-on: ubuntu-latest$/m);
    expect(WORKFLOW).to.match(/^ {4}steps:$/m);
    expect(WORKFLOW).to.include("uses: actions/checkout@v4").and.include("uses: actions/setup-node@v4");
  });

  it("points DATABASE_URL at its PostgreSQL service", () => {
    expect(scalar(WORKFLOW, "image")).to.match(/^postgres:\d+$/);
    const url = new URL(scalar(WORKFLOW, "DATABASE_URL"));
    expect(url.protocol).to.equal("postgres:");
    expect(url.password).to.equal(scalar(WORKFLOW, "POSTGRES_PASSWORD"));
    expect(url.pathname).to.equal(`/${scalar(WORKFLOW, "POSTGRES_DB")}`);
    expect(WORKFLOW).to.include(`- ${url.port}:5432`);
    expect(WORKFLOW).to.include("--health-cmd pg_isready");
  });

  it("installs, registers the problem matcher shipped beside it, upgrades, then checks", () => {
    const commands = runCommands(WORKFLOW);
    expect(commands[0]).to.equal("npm ci");
    const matcher = /::add-matcher::(\S+)"/.exec(commands[1])?.[1];
    expect(matcher).to.be.a("string");
    expect(readFileSync(join(RECIPES, "github-actions", basename(matcher as string)), "utf8")).to.include('"owner": "retort"');
    expect(commands.slice(2)).to.deep.equal(["npx retort upgrade", "npx retort check"]);
  });
});

describeEachTarget(
  "the GitHub Actions recipe's steps",
  (ctx) => {
    const matcher = (JSON.parse(readFileSync(join(RECIPES, "github-actions", "retort-matcher.json"), "utf8")) as { problemMatcher: { pattern: MatcherPattern[] }[] })
      .problemMatcher[0].pattern[0];
    const steps = runCommands(WORKFLOW).filter((c) => c.startsWith("npx retort"));
    let project: ReturnType<typeof blogProject>;
    let env: NodeJS.ProcessEnv;
    before(() => {
      project = blogProject();
      env = { DATABASE_URL: ctx.db.url };
      // The developer's committed migration.
      const autogen = runRetort(["autogen", "-m", "initial schema"], project.dir, env);
      expect(autogen.code, autogen.stderr).to.equal(0);
    });
    after(() => project?.remove());

    it("pass on a fresh database when the migrations match the entities", () => {
      for (const step of steps) {
        const run = runRetortCommand(step, project.dir, env);
        expect(run.code, `${step}: ${run.stdout}${run.stderr}`).to.equal(0);
      }
    });

    it("fail the job at check when an entity changed without a migration, annotating the entity lines", () => {
      driftEntities(project);
      const [upgrade, check] = steps.map((step) => runRetortCommand(step, project.dir, env));
      expect(upgrade.code, upgrade.stderr).to.equal(0);
      expect(check.code, check.stderr).to.equal(1);
      const user = project.read("src/entities/user.ts");
      expect(problems(matcher, check.stdout)).to.deep.include.members([
        { file: "src/entities/user.ts", line: lineOf(user, "bio?: string;"), message: "+ add column users.bio (text, nullable)" },
        { file: "src/entities/user.ts", line: lineOf(user, "name!: string;"), message: "~ modify type users.name: varchar(100) -> varchar(200)" },
      ]);
    });
  },
  { targets: ["postgres"] },
);

describe("recipes/vscode/tasks.json", () => {
  interface Task {
    readonly label: string;
    readonly command: string;
    readonly options?: { readonly env?: Record<string, string> };
    readonly problemMatcher: { readonly owner: string; readonly fileLocation: readonly string[]; readonly pattern: MatcherPattern } | readonly never[];
  }
  const tasks = (JSON.parse(readFileSync(join(RECIPES, "vscode", "tasks.json"), "utf8")) as { version: string; tasks: Task[] });
  const checkTask = tasks.tasks.find((t) => t.label === "retort check") as Task & { problemMatcher: { pattern: MatcherPattern; fileLocation: string[] } };
  let project: ReturnType<typeof blogProject>;
  const env = { DATABASE_URL: "sqlite:blog.sqlite" };

  before(() => {
    project = blogProject();
  });
  after(() => project?.remove());

  it("is a version 2.0.0 tasks file with a `retort check` shell task, without colours", () => {
    expect(tasks.version).to.equal("2.0.0");
    expect(checkTask.command).to.equal("npx retort check");
    expect(checkTask.options?.env?.NO_COLOR).to.equal("1");
    expect(checkTask.problemMatcher.fileLocation).to.deep.equal(["autoDetect", "${workspaceFolder}"]);
  });

  it("points every new table at its entity class, and the join table at the owning @ManyToMany", () => {
    // The database has no tables yet: the first check lists all four.
    const run = runRetortCommand(checkTask.command, project.dir, env);
    expect(run.code, run.stderr).to.equal(1);
    const found = problems(checkTask.problemMatcher.pattern, run.stdout).map((p) => `${p.file}:${p.line} ${p.message.replace(/ \(.*/, "")}`);
    const post = project.read("src/entities/post.ts");
    expect(found.sort()).to.deep.equal(
      [
        `src/entities/post.ts:${lineOf(post, "export class Post")} + add table posts`,
        `src/entities/post.ts:${lineOf(post, "tags!: Tag[];")} + add table post_tags`,
        `src/entities/tag.ts:${lineOf(project.read("src/entities/tag.ts"), "export class Tag")} + add table tags`,
        `src/entities/user.ts:${lineOf(project.read("src/entities/user.ts"), "export class User")} + add table users`,
      ].sort(),
    );
  });

  it("turns each difference into a problem at the entity property's line", async () => {
    for (const step of [["autogen", "-m", "initial schema"], ["upgrade"]]) expect(runRetort(step, project.dir, env).code).to.equal(0);
    driftEntities(project);
    const run = runRetortCommand(checkTask.command, project.dir, env);
    expect(run.code, run.stderr).to.equal(1);
    const user = project.read("src/entities/user.ts");
    const authorLine = lineOf(project.read("src/entities/post.ts"), "author!: User;");
    const found = problems(checkTask.problemMatcher.pattern, run.stdout);
    expect(found.filter((p) => p.file.endsWith("user.ts"))).to.have.deep.members([
      { file: "src/entities/user.ts", line: lineOf(user, "bio?: string;"), message: "+ add column users.bio (text, nullable)" },
      { file: "src/entities/user.ts", line: lineOf(user, "name!: string;"), message: "~ modify type users.name: varchar(100) -> varchar(200)" },
    ]);
    // The changed ON DELETE is a remove + add of the foreign key, both at the relation's property.
    const foreignKeys = found.filter((p) => p.file.endsWith("post.ts"));
    expect(foreignKeys.map((p) => `${p.line} ${p.message.split(" FK_")[0]}`)).to.have.members([`${authorLine} - remove foreign key`, `${authorLine} + add foreign key`]);
    expect(found).to.have.length(4);
    // A table no entity declares has no location: check prints it plainly and the matcher skips it.
    const db = await connect(`sqlite:${join(project.dir, "blog.sqlite")}`);
    try {
      await db.query("CREATE TABLE audit_log (id integer PRIMARY KEY)");
    } finally {
      await db.close();
    }
    const withExtraTable = runRetortCommand(checkTask.command, project.dir, env);
    expect(withExtraTable.stdout).to.match(/^ {2}- remove table audit_log$/m);
    expect(problems(checkTask.problemMatcher.pattern, withExtraTable.stdout)).to.have.length(4);
    // Every line the matcher takes names a file the editor can open from the workspace folder.
    for (const p of found) expect(() => readFileSync(join(project.dir, p.file))).not.to.throw();
  });
});
