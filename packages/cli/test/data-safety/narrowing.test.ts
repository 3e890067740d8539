import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { DataSafetyProject } from "./data-safety-project";

/**
 * Issue 10, item 1: narrowing `varchar(255)` to `varchar(10)` on PostgreSQL was written
 * `USING "name"::varchar(10)`, whose explicit cast truncated the rows silently. Each
 * engine's behaviour is pinned here, and autogen's warning says what it will be.
 */
function personEntity(nameLength: number, scoreType: "bigint" | "int"): string {
  return `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Person {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: ${nameLength} }) name!: string;
  @Column({ type: "${scoreType}" }) score!: number;
}
`;
}

const LONG_NAME = "this value is far too long";
const BIG_SCORE = "3000000000";

describeEachTarget("data safety: a narrowing column type", (ctx) => {
  let project: DataSafetyProject;
  const q = (n: string) => project.ident(n);
  const person = async () => (await project.query<{ name: string; score: unknown }>(`SELECT ${q("name")}, ${q("score")} FROM ${q("person")}`))[0];

  before(async () => {
    project = DataSafetyProject.create(ctx, { "person.ts": personEntity(255, "bigint") });
    expect(project.retort("autogen", "-m", "people").code).to.equal(0);
    expect(project.retort("upgrade").code).to.equal(0);
    await project.query(`INSERT INTO ${q("person")} (${q("name")}, ${q("score")}) VALUES ('${LONG_NAME}', ${BIG_SCORE})`);
  });
  after(async () => project?.close());

  it("autogen flags each narrowing as possible data loss, in its output and in the file", () => {
    project.entity("person.ts", personEntity(10, "int"));
    const run = project.retort("autogen", "-m", "narrow");
    expect(run.code, run.stderr).to.equal(0);
    const warnings = (run.stdout + run.stderr).split("\n").filter((l) => l.startsWith("warning: Narrows"));
    expect(warnings).to.have.length(2);
    for (const w of warnings) expect(w).to.include("possible data loss");
    if (ctx.target.family === "sqlite") expect(warnings[0]).to.include("SQLite does not enforce declared lengths");
    else expect(warnings[0]).to.include("refuses a value that does not fit");
    expect(project.lastMigration().match(/\/\/ WARNING: Narrows "person\.(name|score)"/g)).to.have.length(2);
  });

  if (ctx.target.family === "sqlite") {
    it("SQLite: the batch copy keeps every value as it was, and check is satisfied", async () => {
      const up = project.retort("upgrade");
      expect(up.code, up.stderr).to.equal(0);
      const row = await person();
      expect(row).to.deep.include({ name: LONG_NAME });
      expect(String(row?.score)).to.equal(BIG_SCORE);
      expect(project.retort("check").code).to.equal(0);
    });
  } else {
    it("refuses a value that does not fit: nothing is truncated and the revision is not recorded", async () => {
      const up = project.retort("upgrade");
      expect(up.code).to.equal(2);
      expect(up.stderr).to.match(ctx.target.family === "postgres" ? /value too long for type character varying\(10\)/ : /Data too long for column 'name'/);
      const row = await person();
      expect(row?.name).to.equal(LONG_NAME);
      expect(project.retort("current").stdout).not.to.match(/narrow/);
    });

    it("refuses an integer that does not fit the smaller type", async () => {
      await project.query(`UPDATE ${q("person")} SET ${q("name")} = 'short'`);
      const up = project.retort("upgrade");
      expect(up.code).to.equal(2);
      expect(up.stderr).to.match(ctx.target.family === "postgres" ? /integer out of range/ : /Out of range value for column 'score'/);
      expect(String((await person())?.score)).to.equal(BIG_SCORE);
      if (ctx.target.family === "mysql") {
        // The name's MODIFY ran and committed before the score's failed: the revision is
        // marked half-applied, and the way back is the documented one: undo, then stamp.
        expect(up.stderr).to.include("NOT rolled back");
        expect(project.retort("upgrade").code).to.equal(2);
        await project.query(`ALTER TABLE ${q("person")} MODIFY ${q("name")} varchar(255) NOT NULL`);
        const previous = /still says ([0-9a-f]{12})/.exec(up.stderr)?.[1];
        expect(previous, up.stderr).to.be.a("string");
        expect(project.retort("stamp", previous!).code).to.equal(0);
      }
    });

    if (ctx.target.family === "mysql") {
      it("MariaDB: refusing relies on strict mode, which is the server's session default here", async () => {
        const [mode] = await project.query<{ mode: string }>("SELECT @@SESSION.sql_mode AS mode");
        expect(mode?.mode).to.match(/STRICT_(TRANS|ALL)_TABLES/);
      });
    }

    it("applies once the values fit; check is satisfied and a downgrade widens back", async () => {
      await project.query(`UPDATE ${q("person")} SET ${q("score")} = 7`);
      const up = project.retort("upgrade");
      expect(up.code, up.stderr).to.equal(0);
      expect(await person()).to.deep.include({ name: "short" });
      expect(project.retort("check").code).to.equal(0);
      const down = project.retort("downgrade", "-1");
      expect(down.code, down.stderr).to.equal(0);
      const column = (await project.reflect()).tables.find((t) => t.name === "person")?.columns.find((c) => c.name === "name");
      expect(column?.type.length).to.equal(255);
    });
  }
});
