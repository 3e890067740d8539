import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Output, shouldColor } from "../src/output/output";
import { blogProject } from "./support/blog-example";
import { fixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

const ESC = "\u001b[";
const BIN = join(__dirname, "..", "..", "bin", "retort.js");

/** Runs `node bin/retort.js <args>` on a pseudo-terminal (util-linux `script`), as in a user's shell. */
function runOnTerminal(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(" ");
  const run = spawnSync("script", ["-qec", command, "/dev/null"], { cwd, env, encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) throw new Error(`script failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

function withoutNoColor(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  return env;
}

function captured(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe("colours", () => {
  const saved = process.env.NO_COLOR;
  afterEach(() => {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  });
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;

  it("are on for a terminal, off for a pipe or a file", () => {
    delete process.env.NO_COLOR;
    expect(shouldColor(undefined, tty)).to.equal(true);
    expect(shouldColor(undefined, pipe)).to.equal(false);
  });

  it("are off with NO_COLOR set to anything but the empty string (no-color.org), and with --no-color", () => {
    process.env.NO_COLOR = "1";
    expect(shouldColor(undefined, tty)).to.equal(false);
    process.env.NO_COLOR = "";
    expect(shouldColor(undefined, tty)).to.equal(true);
    expect(shouldColor(false, tty)).to.equal(false);
  });

  it("paint with ANSI codes only when on", () => {
    const on = captured();
    const out = new Output({ json: false, color: true, quiet: false, verbose: false }, on.stream, on.stream);
    out.info(out.paint.green("ok"));
    expect(on.text()).to.equal(`${ESC}32mok${ESC}39m\n`);
    const off = new Output({ json: false, color: false, quiet: false, verbose: false });
    expect(off.paint.green("ok") + off.paint.dim("x") + off.paint.red("y")).to.equal("okxy");
  });

  it("reach the terminal from the real binary, unless NO_COLOR or --no-color", function () {
    this.timeout(60_000);
    const inits = ["a", "b", "c"].map(() => fixtureProject({}));
    try {
      expect(runOnTerminal(["init"], inits[0].dir, withoutNoColor())).to.include(`${ESC}32mcreated${ESC}39m retort.config.ts`);
      expect(runOnTerminal(["init"], inits[1].dir, { ...withoutNoColor(), NO_COLOR: "1" })).to.include("created retort.config.ts").and.not.include(ESC);
      expect(runOnTerminal(["init", "--no-color"], inits[2].dir, withoutNoColor())).to.include("created retort.config.ts").and.not.include(ESC);
      // Piped (as in CI logs): no colour even without NO_COLOR.
      const piped = fixtureProject({});
      try {
        const run = runRetort(["init"], piped.dir, { NO_COLOR: undefined });
        expect(run.stdout).to.include("created retort.config.ts").and.not.include(ESC);
      } finally {
        piped.remove();
      }
    } finally {
      for (const p of inits) p.remove();
    }
  });
});

describe("--quiet and --verbose", () => {
  let project: ReturnType<typeof blogProject>;
  const env = { DATABASE_URL: "sqlite:blog.sqlite" };
  const retort = (...args: string[]) => runRetort(args, project.dir, env);
  let revision: string;

  before(() => {
    project = blogProject();
    const autogen = retort("autogen", "-m", "initial schema", "--json");
    expect(autogen.code, autogen.stderr).to.equal(0);
    revision = (JSON.parse(autogen.stdout) as { revision: string }).revision;
  });
  after(() => project?.remove());

  it("upgrade prints each revision as it starts (as Alembic does), then where the database is", () => {
    const run = retort("upgrade");
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(new RegExp(`^Running upgrade <base> -> ${revision}, initial schema$`, "m"));
    expect(run.stdout).to.include(`Done. The database is at ${revision}.`);
    expect(retort("downgrade", "base").code).to.equal(0);
  });

  it("upgrade --quiet prints nothing when it succeeds", () => {
    const run = retort("upgrade", "--quiet");
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.equal("");
    expect(run.stderr).to.equal("");
    expect(retort("current").stdout).to.include(revision);
  });

  it("downgrade says what it is about to run; --json keeps stdout one document", () => {
    const run = retort("downgrade", "-1");
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(new RegExp(`^Running downgrade ${revision} -> <base>, initial schema$`, "m"));
    const json = retort("upgrade", "--json");
    expect(json.code, json.stderr).to.equal(0);
    expect(JSON.parse(json.stdout)).to.have.property("direction", "upgrade");
    expect(json.stderr).not.to.include("Running");
    expect(retort("downgrade", "-1", "-q").code).to.equal(0);
    expect(retort("upgrade", "-q").code).to.equal(0);
  });

  it("check --quiet keeps the differences and drops the advice", () => {
    project.edit("src/entities/tag.ts", "length: 50,", "length: 80,");
    const normal = retort("check");
    const quiet = retort("check", "-q");
    expect([normal.code, quiet.code]).to.deep.equal([1, 1]);
    expect(normal.stdout).to.include("retort autogen");
    const line = /^ {2}src\/entities\/tag\.ts:\d+: ~ modify type tags\.name: varchar\(50\) -> varchar\(80\)$/m;
    expect(quiet.stdout).to.match(line).and.not.include("retort autogen");
    expect(quiet.stdout.trim().split("\n")).to.have.length(2);
  });

  it("check --verbose adds each difference's details, on stderr", () => {
    const run = retort("check", "--verbose");
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('{"before":"varchar(50)","after":"varchar(80)"}');
    expect(run.stdout).not.to.include('"before"');
  });

  it("check --quiet still answers when in sync", () => {
    project.edit("src/entities/tag.ts", "length: 80,", "length: 50,");
    const run = retort("check", "-q");
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.equal("No new upgrade operations detected.\n");
  });
});
