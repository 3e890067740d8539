import { expect } from "chai";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fixtureProject, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

/** Issue 10, item 17: graph options are checked before any file is written. */
describe("revision: --branch-label and --depends-on are validated before writing", () => {
  let project: FixtureProject;
  const retort = (...args: string[]) => runRetort(args, project.dir);
  const files = () => readdirSync(join(project.dir, "migrations")).sort();

  before(() => {
    project = fixtureProject({ "retort.config.json": JSON.stringify({ entities: ["./src/entities/*.ts"], url: "sqlite:./app.db" }) });
    expect(retort("revision", "-m", "start", "--rev-id", "aaaa00000001").code).to.equal(0);
  });
  after(() => project?.remove());

  for (const [flag, value, says] of [
    ["--branch-label", "a b", /--branch-label: branch label "a b" may not contain/],
    ["--branch-label", "x@y", /may not contain "@"/],
    ["--branch-label", "", /may not be empty/],
    ["--depends-on", "nosuch", /--depends-on "nosuch" \(a revision id, a unique prefix or a branch label\): No revision matches/],
  ] as const) {
    it(`${flag} ${JSON.stringify(value)}: exit 2, one message, no file`, () => {
      const before = files();
      const run = retort("revision", "-m", "bad", flag, value);
      expect(run.code, run.stdout + run.stderr).to.equal(2);
      expect(run.stderr).to.match(says);
      expect(run.stderr).not.to.match(/\n\s+at /);
      expect(files()).to.deep.equal(before);
    });
  }

  it("a unique prefix for --depends-on is written as the full id, and later commands accept the file", () => {
    const run = retort("revision", "-m", "dep", "--head", "base", "--depends-on", "aaaa", "--branch-label", "side", "--json");
    expect(run.code, run.stderr).to.equal(0);
    expect((JSON.parse(run.stdout) as { dependsOn: string[] }).dependsOn).to.deep.equal(["aaaa00000001"]);
    expect(retort("heads").code).to.equal(0);
  });
});
