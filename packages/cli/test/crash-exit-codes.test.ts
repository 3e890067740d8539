import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

/**
 * Issue 10 item 9: a stray rejected promise in an entity file made `check` print "No new
 * upgrade operations" and exit 1 (the differences code). Any crash is exit 2, on every engine.
 */
describeEachTarget("a crash in user code is exit 2, never a result", (ctx) => {
  let project: FixtureProject;
  before(() => {
    project = fixtureProject(
      {
        "src/entities/none.ts": 'Promise.reject(new Error("stray rejection in an entity file"));\nexport {};\n',
        "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url),
        "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
  });
  after(() => project?.remove());

  for (const command of [["check"], ["autogen", "-m", "x", "--dry-run"]]) {
    it(`${command[0]}: exit 2 with the rejection's message, no result printed`, () => {
      const run = runRetort(command, project.dir);
      expect(run.code, run.stdout + run.stderr).to.equal(2);
      expect(run.stdout).not.to.include("No new upgrade operations").and.not.include("No changes");
      expect(run.stderr).to.include("stray rejection in an entity file").and.include("src/entities/none.ts");
      const json = runRetort([...command, "--json"], project.dir);
      expect(JSON.parse(json.stdout)).to.have.nested.property("error.code", "unhandled_error");
    });
  }
});
