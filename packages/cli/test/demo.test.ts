import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { BLOG_EXAMPLE, REPO_ROOT } from "./support/blog-example";
import { fixtureProject } from "./support/fixture-project";

const DEMO = join(REPO_ROOT, "scripts", "dist", "demo", "run.js");

/** `npm run demo` without its build step (the tests run after `tsc -b`). */
function runDemo(args: readonly string[] = []) {
  if (!existsSync(DEMO)) throw new Error(`${DEMO} is missing: build with \`npx tsc -b\` at the repo root first`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [DEMO, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "postgres://not-used-by-the-demo@127.0.0.1:1/x" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

/** Every file of a folder with its size and time, to see that nothing changed. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .sort()
    .map((f) => {
      const s = statSync(join(dir, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    });
}

describe("npm run demo", function () {
  this.timeout(150_000);

  it("runs the whole cycle on embedded SQLite, printing each command, its output and each migration", () => {
    const exampleBefore = listing(BLOG_EXAMPLE);
    const run = runDemo();
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const out = run.stdout;
    const commands = [...out.matchAll(/^\$ (.+)$/gm)].map((m) => m[1]);
    expect(commands).to.deep.equal([
      "npx retort init",
      'npx retort autogen -m "initial schema"',
      "npx retort upgrade",
      "npx ts-node --transpile-only src/app.ts",
      "npx retort check",
      'npx retort autogen -m "user bio, longer names"',
      "npx retort upgrade",
      "npx retort check",
      "npx ts-node --transpile-only src/app.ts",
      "npx retort history",
    ]);
    expect(out).to.include("created retort.config.ts").and.include('dataSource: "./src/data-source.ts"');
    // Both generated files, printed in full.
    expect(out.match(/^---- migrations\/\d{4}_\d\d_\d\d_[0-9a-f]{12}_\w+\.ts ----$/gm)).to.have.length(2);
    expect(out).to.include('await op.createTable(\n    "users"').and.include('await op.batchAlterTable("users"');
    // check before the second autogen lists the differences at their entity lines (exit 1 expected).
    expect(out).to.match(/^ {2}src\/entities\/user\.ts:\d+: \+ add column users\.bio \(text, nullable\)$/m);
    expect(out).to.include("(exit code 1, as expected)");
    expect(out).to.include("No new upgrade operations detected.");
    // The app's first post survived SQLite's table rebuild.
    expect(out).to.include("#1 Notes #1 by Ada").and.include("#2 Notes #2 by Ada");
    expect(out).to.include("Done: the whole cycle ran on SQLite.");
    expect(run.ms, "the demo should take well under a minute").to.be.below(60_000);
    expect(listing(BLOG_EXAMPLE), "the demo works on a copy").to.deep.equal(exampleBefore);
  });

  it("exits non-zero and says which step failed when a step fails", () => {
    // An example whose entity does not compile: the first autogen must fail.
    let kept: string | undefined;
    const broken = fixtureProject({
      "src/data-source.ts": 'import "reflect-metadata";\nimport { DataSource } from "typeorm";\nimport { User } from "./entities/user";\nexport default new DataSource({ type: "better-sqlite3", database: "blog.sqlite", entities: [User] });\n',
      "src/entities/user.ts": "export class User { id!: number = ; }\n",
    });
    try {
      const run = runDemo(["--example", broken.dir]);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.include('Demo failed: `npx retort autogen -m "initial schema"` exited with 2, expected 0.');
      expect(run.stdout).not.to.include("Done: the whole cycle");
      kept = /The project is kept in (\S+) for a look/.exec(run.stderr)?.[1];
      expect(kept).to.be.a("string");
    } finally {
      broken.remove();
      if (kept) rmSync(kept, { recursive: true, force: true });
    }
  });

});
