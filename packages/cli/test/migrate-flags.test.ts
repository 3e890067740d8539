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
