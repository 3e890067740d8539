import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { appendFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Note {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50 }) title!: string;
}
`;

const config = (strict: boolean) =>
  `import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts"${strict ? ", strictChecksums: true" : ""} });\n`;

/** Issue 10, item 21: an edited, applied migration only warned; strict mode refuses, as Flyway's validation does. */
describeEachTarget("strict checksums (--strict, strictChecksums)", (ctx) => {
  let project: FixtureProject;
  const retort = (...args: string[]) => runRetort(args, project.dir);

  before(function () {
    this.timeout(60_000);
    project = fixtureProject(
      { "src/entities/note.ts": ENTITY, "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url), "retort.config.ts": config(false) },
      { typeorm: typeormFor(ctx.target.name) },
    );
    for (const args of [["autogen", "-m", "notes"], ["upgrade"]]) {
      const run = retort(...args);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
    }
    const dir = join(project.dir, "migrations");
    appendFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith(".ts"))!), "\n// edited after it ran\n");
  });
  after(() => project?.remove());

  it("without strict mode, upgrade and check warn and succeed", () => {
    for (const args of [["upgrade"], ["check"]]) {
      const run = retort(...args);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stderr).to.include("edited after it was applied");
    }
  });

  it("--strict: upgrade, downgrade and check refuse with exit 2 and leave the database as it was", () => {
    for (const args of [["upgrade", "--strict"], ["downgrade", "base", "--strict"], ["check", "--strict"]]) {
      const run = retort(...args);
      expect(run.code, `${args.join(" ")}: ${run.stdout}${run.stderr}`).to.equal(2);
      expect(run.stderr).to.include("edited after it was applied").and.include("strict mode").and.include("stamp --purge");
      expect(run.stderr).not.to.match(/\n\s+at /);
    }
    expect(retort("current").stdout).to.match(/\(head\)/);
  });

  it("strictChecksums: true in the config does the same; stamp --purge accepts the edit", () => {
    project.write("retort.config.ts", config(true));
    const refused = retort("check", "--json");
    expect(refused.code).to.equal(2);
    expect((JSON.parse(refused.stdout) as { error: { code: string } }).error.code).to.equal("edited_migrations");
    expect(retort("upgrade").code).to.equal(2);
    expect(retort("stamp", "--purge", "head").code).to.equal(0);
    const accepted = retort("check");
    expect(accepted.code, accepted.stdout + accepted.stderr).to.equal(0);
    expect(accepted.stderr).not.to.include("edited");
  });
});
