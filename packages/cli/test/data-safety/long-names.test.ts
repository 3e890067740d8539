import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { DataSafetyProject } from "./data-safety-project";

/**
 * Issue 10, item 2: PostgreSQL keeps 63 bytes of a name. A longer one never settled:
 * check kept finding differences and autogen proposed dropping the table with its rows.
 */
const TABLE = "customer_loyalty_programme_membership_tier_history_entries_archive_2026";
const COLUMN = `${"é".repeat(36)}_points`;
const INDEX = "idx_customer_loyalty_programme_membership_tier_history_entries_by_points";
const ENUM = "loyalty_status_enum_with_a_name_that_runs_on_well_past_the_limit_of_postgres";

const ENTITY = `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity(${JSON.stringify(TABLE)})
@Index(${JSON.stringify(INDEX)}, [${JSON.stringify(COLUMN)}])
export class History {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "int", default: 0 }) ${COLUMN}!: number;
  @Column({ type: "enum", enum: ["a", "b"], default: "a", enumName: ${JSON.stringify(ENUM)} }) status!: string;
}
`;

describeEachTarget(
  "data safety: PostgreSQL names longer than 63 bytes",
  (ctx) => {
    let project: DataSafetyProject;
    before(() => {
      project = DataSafetyProject.create(ctx, { "history.ts": ENTITY });
    });
    after(async () => project?.close());

    it("autogen warns that each long name will be truncated, and writes the stored names", () => {
      const run = project.retort("autogen", "-m", "history");
      expect(run.code, run.stderr).to.equal(0);
      const warnings = (run.stdout + run.stderr).split("\n").filter((l) => l.includes("longer than PostgreSQL's 63 bytes"));
      expect(warnings.map((w) => /The (\w+(?: type)?) name/.exec(w)?.[1]).sort()).to.deep.equal(["column", "enum type", "index", "table"]);
      expect(warnings.find((w) => w.includes(" column "))).to.include(`stores it as "${"é".repeat(31)}"`);
      expect(project.lastMigration()).to.include(JSON.stringify(TABLE.slice(0, 63)));
    });

    it("after upgrade, check finds nothing and autogen proposes no drop", async () => {
      const up = project.retort("upgrade");
      expect(up.code, up.stderr).to.equal(0);
      await project.query(`INSERT INTO "${TABLE.slice(0, 63)}" DEFAULT VALUES`);
      const check = project.retort("check");
      expect(check.code, check.stdout).to.equal(0);
      const again = project.retort("autogen", "-m", "again");
      expect(again.code, again.stderr).to.equal(0);
      expect(again.stdout + again.stderr).to.include("No changes").and.not.include("remove table");
    });

    it("downgrade and upgrade again leave it in sync", () => {
      expect(project.retort("downgrade", "base").code).to.equal(0);
      expect(project.retort("upgrade").code).to.equal(0);
      expect(project.retort("check").code).to.equal(0);
    });
  },
  { families: ["postgres"] },
);

/** Two long index names equal in their first 63 bytes would name one index on the server. */
const TWINS = `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity("twins")
@Index(${JSON.stringify(`${INDEX}_first`)}, ["a"])
@Index(${JSON.stringify(`${INDEX}_second`)}, ["b"])
export class Twins {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "int" }) a!: number;
  @Column({ type: "int" }) b!: number;
}
`;

describeEachTarget(
  "data safety: PostgreSQL names that become equal once cut to 63 bytes",
  (ctx) => {
    let project: DataSafetyProject;
    before(() => {
      project = DataSafetyProject.create(ctx, { "twins.ts": TWINS });
    });
    after(async () => project?.close());

    for (const command of ["autogen", "check"]) {
      it(`${command} refuses before writing anything, naming both names and the fix`, () => {
        const run = command === "autogen" ? project.retort("autogen", "-m", "twins") : project.retort("check");
        expect(run.code, run.stdout + run.stderr).to.equal(2);
        const text = run.stdout + run.stderr;
        expect(text).to.include(`"${INDEX}_first"`).and.include(`"${INDEX}_second"`).and.include(`stored as "${INDEX.slice(0, 63)}"`);
        expect(text).to.include("shorter name").and.not.match(/\n\s+at /);
        expect(project.lastMigration()).to.equal("");
      });
    }
  },
  { families: ["postgres"] },
);
