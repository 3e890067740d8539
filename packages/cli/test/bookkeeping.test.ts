import { describeEachTarget } from "@retort/testing";
import { connect } from "@retort/dialects";
import { expect } from "chai";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Tag {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 40 }) label!: string;
}
`;

/** Issue 10, item 11 through the binary: check, autogen and current -v crashed with internal_error. */
describeEachTarget("retort without its retort_version_applied table", (ctx) => {
  let project: FixtureProject;
  const retort = (...args: string[]) => runRetort(args, project.dir);
  before(async function () {
    this.timeout(60_000);
    project = fixtureProject(
      { "src/entities/tag.ts": ENTITY, "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url), "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n' },
      { typeorm: typeormFor(ctx.target.name) },
    );
    for (const args of [["autogen", "-m", "tags"], ["upgrade"]]) expect(retort(...args).code).to.equal(0);
    const db = await connect(ctx.db.url);
    try {
      await db.query(`DROP TABLE ${ctx.target.family === "mysql" ? "`retort_version_applied`" : '"retort_version_applied"'}`);
    } finally {
      await db.close();
    }
  });
  after(() => project?.remove());

  for (const [args, code] of [[["current", "-v"], 0], [["check"], 0], [["autogen", "-m", "nothing", "--dry-run"], 0]] as const) {
    it(`${args.join(" ")} exits ${code}`, () => {
      const run = retort(...args);
      expect(run.code, run.stdout + run.stderr).to.equal(code);
      expect(run.stderr).not.to.include("internal_error").and.not.to.include("Unexpected error");
    });
  }
});
