import { expect } from "chai";
import { fixtureProject, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

/** Issue 10, item 8: `--ddl-lock-timeout` is checked as the config key is, then applied. */
describe("upgrade --ddl-lock-timeout", () => {
  let project: FixtureProject;
  const retort = (...args: string[]) => runRetort(args, project.dir);
  before(() => {
    project = fixtureProject({ "retort.config.json": JSON.stringify({ entities: ["./src/entities/*.ts"], url: "sqlite:./app.db" }) });
    expect(retort("revision", "-m", "start", "--rev-id", "aaaa00000001").code).to.equal(0);
  });
  after(() => project?.remove());

  for (const bad of ["abc", "-1", "NaN", ""]) {
    it(`refuses ${JSON.stringify(bad)} with exit 2`, () => {
      const run = retort("upgrade", `--ddl-lock-timeout=${bad}`);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include("--ddl-lock-timeout takes a number of seconds");
    });
  }

  it("takes a number of seconds", () => {
    const run = retort("upgrade", "--ddl-lock-timeout", "2.5");
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include("aaaa00000001");
  });
});

/** Issue 10, item 7 through the binary: no "Done.", no stack trace, exit 2, nothing recorded. */
describe("upgrade: a migration that does not await a failing op call", () => {
  let project: FixtureProject;
  const retort = (...args: string[]) => runRetort(args, project.dir);
  before(() => {
    project = fixtureProject({
      "retort.config.json": JSON.stringify({ entities: ["./src/entities/*.ts"], url: "sqlite:./app.db" }),
      "migrations/2026_01_01_bbbb00000001_unawaited.ts": `import type { MigrationOperations } from "@retort/cli";
export const revision = "bbbb00000001";
export const downRevision = null;
export const message = "unawaited";
export async function upgrade(op: MigrationOperations): Promise<void> {
  op.execute("CREATE TABLE t_one (id INTEGER PRIMARY KEY)");
  op.execute("INSERT INTO no_such_table VALUES (1)");
}
export async function downgrade(op: MigrationOperations): Promise<void> {}
`,
    });
  });
  after(() => project?.remove());

  it("fails with exit 2 and one message naming the call; current stays at base", () => {
    const run = retort("upgrade");
    expect(run.code, run.stdout + run.stderr).to.equal(2);
    expect(run.stdout).not.to.include("Done.");
    expect(run.stderr).to.include('op.execute("INSERT INTO no_such_table VALUES (1)") was not awaited and failed').and.include("nothing of bbbb00000001 applied");
    expect(run.stderr).not.to.match(/\n\s+at /);
    expect(retort("current").stdout).to.include("<base>");
  });
});
