import { connect } from "@retort/dialects";
import { acquireMigrationLock } from "@retort/runtime";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { spawn, spawnSync } from "node:child_process";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { RETORT_BIN, runRetort, type RetortRun } from "./support/run-retort";

/** Issue 9 item 6: the papercuts found at first contact. */

function ok(run: RetortRun): RetortRun {
  expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
  return run;
}

const MIGRATION = (rev: string, down: string | string[] | null, message: string, body = "") => `import type { MigrationOperations } from "@retort/cli";

export const revision = "${rev}";
export const downRevision = ${JSON.stringify(down)};
export const branchLabels: string[] = [];
export const dependsOn: string[] = [];
export const message = "${message}";

export async function upgrade(op: MigrationOperations): Promise<void> {
${body}
}

export async function downgrade(op: MigrationOperations): Promise<void> {}
`;

const CREATE_TABLE = `  await op.createTable("gadget", [
    { name: "id", type: "integer", nullable: false, primaryKey: true },
    { name: "label", type: "varchar(40)", nullable: true },
  ]);
  await op.createIndex("ix_gadget_label", "gadget", ["label"]);`;

describe("papercuts: graph output", () => {
  let project: FixtureProject;
  const retort = (...args: string[]) => runRetort(args, project.dir);

  beforeEach(() => {
    project = fixtureProject({
      "retort.config.json": JSON.stringify({ entities: ["./src/entities/*.ts"], url: "sqlite:./app.db" }),
      "src/entities/none.ts": "export {};\n",
      "migrations/2026_01_01_aaaa00000001_a.ts": MIGRATION("aaaa00000001", null, "first", CREATE_TABLE),
      "migrations/2026_01_02_bbbb00000001_b.ts": MIGRATION("bbbb00000001", "aaaa00000001", "left"),
      "migrations/2026_01_02_cccc00000001_c.ts": MIGRATION("cccc00000001", "aaaa00000001", "right"),
    });
  });
  afterEach(() => project?.remove());

  it("two heads: check and upgrade head name `retort merge heads`", () => {
    for (const args of [["upgrade", "head"], ["check"]]) {
      if (args[0] === "check") ok(retort("upgrade", "aaaa00000001"));
      const run = retort(...args);
      expect(run.code, run.stderr).to.equal(2);
      expect(run.stderr, args.join(" ")).to.include("retort merge -m \"merge heads\" heads");
    }
  });

  it("current and heads print the revision itself; --verbose adds the parents", () => {
    ok(retort("upgrade", "bbbb00000001"));
    expect(ok(retort("current")).stdout.trim()).to.equal("bbbb00000001 (head), left");
    expect(ok(retort("heads")).stdout.trim().split("\n").sort()).to.deep.equal(["bbbb00000001 (head), left", "cccc00000001 (head), right"]);
    expect(ok(retort("current", "--verbose")).stdout).to.include("Parent: aaaa00000001");
  });

  it("history -i --verbose keeps the (current) marker", () => {
    ok(retort("upgrade", "bbbb00000001"));
    expect(ok(retort("history", "-i", "--verbose")).stdout).to.include("Rev: bbbb00000001 (head) (current)");
  });

  it("show lists each operation whole, also in --json", () => {
    const human = ok(retort("show", "aaaa00000001")).stdout;
    expect(human).to.include('await op.createTable("gadget", [{ name: "id", type: "integer", nullable: false, primaryKey: true }, { name: "label", type: "varchar(40)", nullable: true }])');
    const json = JSON.parse(ok(retort("show", "aaaa00000001", "--json")).stdout) as { operations: string[] };
    expect(json.operations).to.have.length(2);
    expect(json.operations[0]).to.include('{ name: "label", type: "varchar(40)", nullable: true }');
  });

  it("a merge's upgrade line names its parents: Running upgrade b, c -> m", () => {
    ok(retort("merge", "-m", "join", "heads", "--rev-id", "dddd00000001"));
    const run = ok(retort("upgrade"));
    expect(run.stdout).to.include("Running upgrade <base> -> aaaa00000001, first");
    expect(run.stdout).to.match(/Running upgrade (bbbb00000001, cccc00000001|cccc00000001, bbbb00000001) -> dddd00000001, join/);
    expect(run.stdout).not.to.include("dddd00000001 -> dddd00000001");
    expect(ok(retort("downgrade", "aaaa00000001")).stdout).to.match(/Running downgrade dddd00000001 -> (bbbb00000001, cccc00000001|cccc00000001, bbbb00000001), join/);
  });

  it("retort help <command> prints that command's help", () => {
    const run = ok(retort("help", "upgrade"));
    expect(run.stdout).to.match(/^Usage: retort upgrade \[target\]/);
    expect(run.stdout).to.include("--sql");
  });

  it("an entities config without any URL says how to give one", () => {
    project.write("retort.config.json", JSON.stringify({ entities: ["./src/entities/*.ts"] }));
    const run = retort("check");
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("--url").and.include("DATABASE_URL").and.not.include("(none)");
  });
});

describeEachTarget("papercuts: a DataSource with synchronize: true", (ctx) => {
  it("warns once that it fights with migrations", () => {
    const project = fixtureProject(
      {
        "src/entities/none.ts": "export {};\n",
        "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url).replace("entities:", "synchronize: true,\n  entities:"),
        "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
    try {
      const run = runRetort(["check"], project.dir);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stderr.match(/synchronize: true/g), run.stderr).to.have.length(1);
    } finally {
      project.remove();
    }
  });
});

describe("papercuts: a TypeORM without a driver before it connects", () => {
  it("does not promise an entity name it cannot give", () => {
    const project = fixtureProject({
      "src/entities/thing.ts": 'import { Entity, PrimaryGeneratedColumn } from "typeorm";\n@Entity()\nexport class Thing {\n  @PrimaryGeneratedColumn() id!: number;\n}\n',
      // As @n8n/typeorm: the driver is created only by initialize().
      "src/data-source.ts": `import "reflect-metadata";\nimport { DataSource } from "typeorm";\nimport { Thing } from "./entities/thing";\nconst ds = new DataSource({ type: "better-sqlite3", database: "app.sqlite", entities: [Thing] });\n(ds as unknown as { driver: unknown }).driver = undefined;\nexport default ds;\n`,
      "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
    });
    try {
      const run = runRetort(["check"], project.dir);
      expect(run.code).to.equal(2);
      expect(run.stderr).not.to.include("Fix the entity named in the message");
      expect(run.stderr).to.include("driver").and.include("not a problem with one entity");
    } finally {
      project.remove();
    }
  });
});

/** Runs the binary without waiting, noting when each stdout line arrived. */
function runTimed(args: readonly string[], cwd: string): Promise<{ code: number; lines: { at: number; text: string }[]; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [RETORT_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" } });
  const lines: { at: number; text: string }[] = [];
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    for (const text of String(d).split("\n").filter(Boolean)) lines.push({ at: Date.now() - started, text });
  });
  child.stderr.on("data", (d: Buffer) => (stderr += String(d)));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? -1, lines, stderr, ms: Date.now() - started })));
}

describeEachTarget("papercuts: waiting for the migration lock", (ctx) => {
  it("says so at once, not only afterwards", async function () {
    this.timeout(30_000);
    const project = fixtureProject(
      {
        "src/entities/none.ts": "export {};\n",
        "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url),
        "retort.config.ts": 'export default { dataSource: "./src/data-source.ts", lockTimeout: 3 };\n',
        "migrations/2026_01_01_aaaa00000001_a.ts": MIGRATION("aaaa00000001", null, "first"),
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
    const holder = await connect(ctx.db.url);
    const lock = await acquireMigrationLock(holder, { timeoutSeconds: 5, versionTable: "retort_version", projectDir: project.dir });
    try {
      const run = await runTimed(["upgrade"], project.dir);
      expect(run.code, run.stderr).to.equal(2);
      expect(run.stderr, run.stderr).to.include("lock");
      const waiting = run.lines.find((l) => /holds the lock; waiting/.test(l.text));
      expect(waiting, JSON.stringify(run.lines)).to.not.equal(undefined);
      expect(run.ms - waiting!.at, "printed well before the lock timeout ended the run").to.be.greaterThan(2000);
    } finally {
      await lock.release();
      await holder.close();
      project.remove();
    }
  });
});

describe("papercuts: a long revision on a terminal", () => {
  it("shows its elapsed time while it runs, and how long it took", function () {
    this.timeout(60_000);
    const project = fixtureProject({
      "retort.config.json": JSON.stringify({ entities: ["./src/entities/*.ts"], url: "sqlite:./app.db" }),
      "src/entities/none.ts": "export {};\n",
      "migrations/2026_01_01_aaaa00000001_a.ts": MIGRATION("aaaa00000001", null, "slow", "  await new Promise((r) => setTimeout(r, 3500));"),
    });
    try {
      const command = [process.execPath, RETORT_BIN, "upgrade"].map((a) => `'${a}'`).join(" ");
      const run = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: project.dir, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8", timeout: 60_000 });
      expect(run.status, run.stdout).to.equal(0);
      expect(run.stdout).to.include("Running upgrade <base> -> aaaa00000001, slow").and.match(/\r {2}\d s elapsed/).and.match(/done in 3\.\d s/);
      const piped = runRetort(["downgrade", "base"], project.dir);
      expect(piped.stdout).not.to.include("elapsed");
    } finally {
      project.remove();
    }
  });
});
