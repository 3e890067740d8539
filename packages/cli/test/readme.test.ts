import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ALL_TARGETS, createTestDatabase } from "@retort/testing";
import { runTypeormTask, typeormBuiltProject } from "./support/typeorm-built-project";

const REPO = resolve(__dirname, "..", "..", "..", "..");
const README = readFileSync(join(REPO, "README.md"), "utf8");

/** The shell lines of the ```sh blocks in one README section, comments stripped. */
function shellLines(section: string): string[][] {
  const start = README.indexOf(`## ${section}`);
  expect(start, `README has a "## ${section}" section`).to.be.greaterThan(-1);
  const end = README.indexOf("\n## ", start + 3);
  const body = README.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) =>
    m[1]!
      .split("\n")
      .map((l) => l.replace(/\s+#.*$/, "").trim())
      .filter((l) => l !== "" && !l.startsWith("#")),
  );
}

function sh(line: string, cwd: string): { code: number; out: string } {
  const run = spawnSync("bash", ["-c", line], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" }, timeout: 120_000 });
  return { code: run.status ?? -1, out: `${run.stdout}${run.stderr}` };
}

describe("README commands run as written", () => {
  it("names the packages and scripts that exist", () => {
    const [install] = shellLines("Quick start in your own TypeORM project");
    const cliName = (JSON.parse(readFileSync(join(REPO, "packages", "cli", "package.json"), "utf8")) as { name: string }).name;
    expect(install![0]).to.equal(`npm install --save-dev ${cliName}`);
    const scripts = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    for (const block of shellLines("Try it in two commands").concat(shellLines("Tests"))) {
      for (const line of block) {
        const script = /^npm (?:run )?(\S+)$/.exec(line)?.[1];
        if (script && script !== "install") expect(scripts, line).to.have.property(script);
      }
    }
  });

  it("runs the quick start in a copy of examples/blog: init, autogen, upgrade, check, then a change", function () {
    this.timeout(180_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { copyExample, editFile, removeProject } = require(join(REPO, "scripts", "dist", "demo", "demo-project.js")) as {
      copyExample(): string;
      editFile(dir: string, file: string, before: string, after: string): void;
      removeProject(dir: string): void;
    };
    const dir = copyExample();
    try {
      const [installAndStart, afterChange] = shellLines("Quick start in your own TypeORM project");
      const first = installAndStart!.slice(1);
      expect(first).to.deep.equal(["npx retort init", 'npx retort autogen -m "initial schema"', "npx retort upgrade", "npx retort check"]);
      for (const line of first) {
        const run = sh(line, dir);
        expect(run.code, `${line}\n${run.out}`).to.equal(0);
      }
      editFile(dir, "src/entities/user.ts", "  @Column({ type: \"varchar\", length: 100 })", "  @Column({ type: \"int\", default: 0 })\n  score!: number;\n\n  @Column({ type: \"varchar\", length: 100 })");
      for (const line of afterChange!) {
        const run = sh(line, dir);
        expect(run.code, `${line}\n${run.out}`).to.equal(0);
      }
      expect(sh("npx retort check", dir).out).to.include("No new upgrade operations detected.");
    } finally {
      removeProject(dir);
    }
  });

  it("adopts a database built by TypeORM's migration:run with the steps of \"Adopting retort in an existing project\"", async function () {
    this.timeout(180_000);
    const sqlite = ALL_TARGETS.find((t) => t.name === "sqlite")!;
    const db = await createTestDatabase(sqlite);
    const project = typeormBuiltProject("sqlite", db.url, 'migrations: [join(__dirname, "migration", "*.ts")],');
    try {
      runTypeormTask(project, "generate");
      runTypeormTask(project, "migrate");
      const [steps] = shellLines("Adopting retort in an existing project");
      expect(steps).to.deep.equal(["npx retort init", "npx retort check", 'npx retort baseline -m "baseline"', "npx retort check"]);
      for (const line of steps!) {
        const run = sh(line, project.dir);
        expect(run.code, `${line}\n${run.out}`).to.equal(0);
      }
      expect(sh("npx retort check", project.dir).out).to.include("No new upgrade operations detected.");
    } finally {
      project.remove();
      await db.drop();
    }
  });
});
