import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { synchronizedProject, type FixtureProject } from "./support/fixture-project";
import { RETORT_BIN } from "./support/run-retort";

const USER_ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) name!: string;
}
`;

interface Matcher {
  readonly pattern: { readonly regexp: string; readonly file: number; readonly line: number; readonly message: number };
  readonly background: { readonly beginsPattern: string; readonly endsPattern: string };
}
const tasks = JSON.parse(readFileSync(resolve(__dirname, "..", "..", "..", "..", "recipes", "vscode", "tasks.json"), "utf8")) as { tasks: { label: string; command: string; problemMatcher: Matcher }[] };
const watchTask = tasks.tasks.find((t) => t.label === "retort check --watch")!;

/** A running `retort check --watch`, its output so far, and a way to wait for a line. */
class Watching {
  output = "";
  readonly exited: Promise<number | null>;
  constructor(readonly child: ChildProcess) {
    child.stdout!.on("data", (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((done) => child.on("exit", (code) => done(code)));
  }
  lines(): string[] {
    return this.output.split("\n");
  }
  /** Waits until the number of lines matching `pattern` reaches `count`. */
  async until(pattern: RegExp, count: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines().filter((l) => pattern.test(l)).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} ×${count}; output:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describeEachTarget("retort check --watch", (ctx) => {
  let project: FixtureProject;
  let watching: Watching | undefined;
  before(() => {
    project = synchronizedProject(ctx.target.name, ctx.db.url, { "src/entities/user.ts": USER_ENTITY });
  });
  after(() => {
    watching?.child.kill("SIGKILL");
    project?.remove();
  });

  it("checks on start and after each save, with check's lines for the editor's problem matcher, and stops on SIGINT", async function () {
    this.timeout(240_000); // four checks, each a fresh process, on a possibly busy machine
    const args = watchTask.command.split(" ").slice(2); // `npx retort check --watch`: the real binary with `check --watch`
    watching = new Watching(spawn(process.execPath, [RETORT_BIN, ...args], { cwd: project.dir, env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" } }));
    const begins = new RegExp(watchTask.problemMatcher.background.beginsPattern);
    const ends = new RegExp(watchTask.problemMatcher.background.endsPattern);
    await watching.until(ends, 1);
    expect(watching.lines().find((l) => ends.test(l))).to.include("in sync");
    expect(watching.output).to.include("No new upgrade operations detected.");

    project.write("src/entities/user.ts", USER_ENTITY.replace("name!: string;", 'name!: string;\n  @Column({ type: "integer", default: 0 }) score!: number;'));
    await watching.until(ends, 2);
    expect(watching.lines().filter((l) => ends.test(l))[1]).to.include("differences found");
    const problem = new RegExp(watchTask.problemMatcher.pattern.regexp);
    const found = watching.lines().map((l) => problem.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    expect(found.map((m) => `${m[1]}:${m[2]}: ${m[3]!.replace(/ \(.*/, "")}`)).to.deep.equal(["src/entities/user.ts:7: + add column user.score"]);

    project.write("src/entities/user.ts", USER_ENTITY);
    await watching.until(ends, 3);
    expect(watching.lines().filter((l) => ends.test(l))[2]).to.include("in sync");

    project.write("retort.config.ts", 'export default { dataSource: "./src/data-source.ts" };\n// edited\n');
    await watching.until(ends, 4);
    expect(watching.lines().filter((l) => begins.test(l))).to.have.length(4);

    watching.child.kill("SIGINT");
    expect(await watching.exited).to.equal(0);
    watching = undefined;
  });

  it("points at file and line on the first check too, when it starts with differences", async function () {
    this.timeout(120_000);
    project.write("src/entities/user.ts", USER_ENTITY.replace("name!: string;", 'name!: string;\n  @Column({ type: "integer", default: 0 }) score!: number;'));
    try {
      watching = new Watching(spawn(process.execPath, [RETORT_BIN, "check", "--watch"], { cwd: project.dir, env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" } }));
      const ends = new RegExp(watchTask.problemMatcher.background.endsPattern);
      await watching.until(ends, 1);
      const problem = new RegExp(watchTask.problemMatcher.pattern.regexp);
      const found = watching.lines().map((l) => problem.exec(l)).filter((m): m is RegExpExecArray => m !== null);
      expect(found.map((m) => `${m[1]}:${m[2]}: ${m[3]!.replace(/ \(.*/, "")}`)).to.deep.equal(["src/entities/user.ts:7: + add column user.score"]);
      watching.child.kill("SIGINT");
      expect(await watching.exited).to.equal(0);
      watching = undefined;
    } finally {
      project.write("src/entities/user.ts", USER_ENTITY);
    }
  });
});
