import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { runRetort } from "./support/run-retort";

/**
 * Issue 10 item 22: `--url` naming an engine other than the one the DataSource declares
 * the entities for is refused (exit 2, naming both), unless --allow-dialect-mismatch.
 */
const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Note {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 20, nullable: true }) label!: string | null;
}
`;

/** A DataSource type of another engine than the target's. */
const OTHER: Record<string, { type: string; engine: string; options: string }> = {
  postgres: { type: "better-sqlite3", engine: "SQLite", options: 'database: "app.sqlite"' },
  mariadb: { type: "postgres", engine: "PostgreSQL", options: 'url: "postgres://u@127.0.0.1:1/x"' },
  sqlite: { type: "mariadb", engine: "MySQL/MariaDB", options: 'url: "mysql://u@127.0.0.1:1/x"' },
  sqlite3: { type: "postgres", engine: "PostgreSQL", options: 'url: "postgres://u@127.0.0.1:1/x"' },
};

const ENGINE: Record<string, string> = { postgres: "PostgreSQL", mariadb: "MySQL/MariaDB", sqlite: "SQLite", sqlite3: "SQLite" };

describeEachTarget("a URL of another engine than the DataSource's", (ctx) => {
  let project: FixtureProject;
  const other = OTHER[ctx.target.name]!;
  before(() => {
    project = fixtureProject(
      {
        "src/entities/note.ts": ENTITY,
        "src/data-source.ts": `import "reflect-metadata";\nimport { DataSource } from "typeorm";\nimport { join } from "path";\nexport default new DataSource({ type: ${JSON.stringify(other.type)}, ${other.options}, entities: [join(__dirname, "entities", "*.ts")] });\n`,
        "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
      },
      { typeorm: typeormFor(ctx.target.name) === "0.3" && other.type !== "better-sqlite3" ? "0.3" : "1" },
    );
  });
  after(() => project?.remove());

  for (const command of [["check"], ["autogen", "-m", "x", "--dry-run"]]) {
    it(`${command[0]} refuses with exit 2 and names both engines`, () => {
      const run = runRetort([...command, "--url", ctx.db.url], project.dir);
      expect(run.code, run.stdout + run.stderr).to.equal(2);
      expect(run.stderr).to.include(`declared for ${other.engine}`).and.include(`is a ${ENGINE[ctx.target.name]} database`).and.include("--allow-dialect-mismatch");
      const json = runRetort([...command, "--json"], project.dir, { DATABASE_URL: ctx.db.url });
      expect(JSON.parse(json.stdout)).to.have.nested.property("error.code", "dialect_mismatch");
    });
  }

  it("compares anyway with --allow-dialect-mismatch", () => {
    const run = runRetort(["check", "--url", ctx.db.url, "--allow-dialect-mismatch"], project.dir);
    expect(run.code, run.stdout + run.stderr).to.equal(1);
    expect(run.stdout).to.include("add table note");
  });
});
