import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

const migration = (revision: string, down: string | null, statements: string[]) => `import type { MigrationOperations } from "@retort/cli";

export const revision = "${revision}";
export const downRevision = ${JSON.stringify(down)};
export const message = "${revision}";

export async function upgrade(op: MigrationOperations): Promise<void> {
${statements.map((s) => `  await op.execute(${JSON.stringify(s)});`).join("\n")}
}

export async function downgrade(op: MigrationOperations): Promise<void> {}
`;

/** Issue 10, item 5, through the binary: current warns, upgrade and check refuse, stamp resolves. */
describeEachTarget(
  "retort with a half-applied revision (MySQL/MariaDB)",
  (ctx) => {
    let project: FixtureProject;
    const retort = (...args: string[]) => runRetort(args, project.dir);
    before(() => {
      project = fixtureProject(
        {
          "src/entities/.keep": "",
          "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url),
          "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
          "migrations/2026_01_01_aaaa00000001_a.ts": migration("aaaa00000001", null, ["CREATE TABLE t_a (id INTEGER PRIMARY KEY)"]),
          "migrations/2026_01_02_aaaa00000002_b.ts": migration("aaaa00000002", "aaaa00000001", ["CREATE TABLE t_b (id INTEGER PRIMARY KEY)", "SELECT * FROM no_such_table"]),
        },
        { typeorm: typeormFor(ctx.target.name) },
      );
    });
    after(() => project?.remove());

    it("upgrade fails, saying what was committed and how to recover", () => {
      const run = retort("upgrade");
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include("NOT rolled back").and.include("retort stamp aaaa00000001").and.include("retort stamp aaaa00000002");
    });

    it("current answers with a warning; upgrade and check refuse with exit 2", () => {
      const current = retort("current");
      expect(current.code).to.equal(0);
      expect(current.stdout).to.include("aaaa00000001");
      expect(current.stderr).to.include("upgrade of revision aaaa00000002").and.include("failed (").and.include("no_such_table");
      for (const args of [["upgrade"], ["check", "--json"]]) {
        const run = retort(...args);
        expect(run.code, args.join(" ")).to.equal(2);
        expect(run.stderr).to.include("part of it may be in the database");
      }
      expect((JSON.parse(retort("check", "--json").stdout) as { error: { code: string } }).error.code).to.equal("revision_interrupted");
    });

    it("stamp clears the mark", () => {
      expect(retort("stamp", "aaaa00000002").code).to.equal(0);
      const current = retort("current");
      expect(current.stderr).to.equal("");
      expect(current.stdout).to.include("aaaa00000002");
    });
  },
  { targets: ["mariadb"] },
);
