import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import type { FixtureProject } from "../support/fixture-project";
import { diffKinds, forgetLatestMigration, objectsProject, reflected, retortOk, synchronize } from "./sync-objects-project";

/**
 * Issue 11 item 2: a @Unique on exactly the primary key's columns. PostgreSQL folds it
 * into the key in CREATE TABLE, SQLite makes no index for it (unless the key is the
 * rowid), MariaDB keeps it (docs/schema-objects.md, "A unique on the primary key").
 */

const entities = (o: { reversed: boolean }) => `import { Entity, PrimaryColumn, Unique } from "typeorm";

@Entity({ name: "pk_single" })
@Unique("UQ_pk_single", ["id"])
export class PkSingle {
  @PrimaryColumn() id!: number;
}

@Entity({ name: "pk_text" })
@Unique("UQ_pk_text", ["code"])
export class PkText {
  @PrimaryColumn({ length: 10 }) code!: string;
}

@Entity({ name: "pk_multi" })
@Unique("UQ_pk_multi", ["a", "b"])
export class PkMulti {
  @PrimaryColumn() a!: number;
  @PrimaryColumn() b!: number;
}

@Entity({ name: "pk_reversed" })
${o.reversed ? `@Unique("UQ_pk_reversed", ["b", "a"])\n` : ""}export class PkReversed {
  @PrimaryColumn() a!: number;
  @PrimaryColumn() b!: number;
}
`;

/** The unique constraints each engine keeps, by table (what synchronize leaves, measured on each engine). */
function expectedUniques(family: string): Record<string, string[][]> {
  const reversed = [["b", "a"]];
  if (family === "mysql") return { pk_multi: [["a", "b"]], pk_reversed: reversed, pk_single: [["id"]], pk_text: [["code"]] };
  // SQLite: `integer PRIMARY KEY` is the rowid, which has no index, so the unique makes one.
  if (family === "sqlite") return { pk_multi: [], pk_reversed: reversed, pk_single: [["id"]], pk_text: [] };
  return { pk_multi: [], pk_reversed: reversed, pk_single: [], pk_text: [] };
}

async function uniquesByTable(url: string): Promise<Record<string, string[][]>> {
  const model = await reflected(url);
  return Object.fromEntries(model.tables.filter((t) => t.name.startsWith("pk_")).map((t) => [t.name, t.uniques.map((u) => [...u.columns])]));
}

describeEachTarget("a unique on the primary key: TypeORM's synchronize → check 0", (ctx) => {
  it("single-column, text-key, multi-column and reversed uniques: what the engine keeps; check exits 0", async function () {
    this.timeout(120_000);
    const project = objectsProject(ctx.target.name, ctx.db.url, { "keys.ts": entities({ reversed: true }) });
    try {
      synchronize(project);
      expect(await uniquesByTable(ctx.db.url)).to.deep.equal(expectedUniques(ctx.target.family));
      retortOk(project, ["check"]);
    } finally {
      project.remove();
    }
  });
});

describeEachTarget("a unique on the primary key: retort's migrations build the same, check sees changes, downgrade restores", (ctx) => {
  let project: FixtureProject;
  before(() => {
    project = objectsProject(ctx.target.name, ctx.db.url, { "keys.ts": entities({ reversed: true }) });
  });
  after(() => project?.remove());

  it("autogen → upgrade builds the uniques synchronize builds; check 0", async function () {
    this.timeout(120_000);
    retortOk(project, ["autogen", "-m", "keys"]);
    retortOk(project, ["upgrade"]);
    retortOk(project, ["check"]);
    expect(await uniquesByTable(ctx.db.url)).to.deep.equal(expectedUniques(ctx.target.family));
  });

  it("detects a removed unique that is not the key's", function () {
    this.timeout(60_000);
    project.write("src/entities/keys.ts", entities({ reversed: false }));
    expect(diffKinds(project)).to.deep.equal(["remove_unique UQ_pk_reversed"]);
  });

  it("round trip: autogen → upgrade → check 0 → downgrade -1 restores", async function () {
    this.timeout(120_000);
    const before = await uniquesByTable(ctx.db.url);
    retortOk(project, ["autogen", "-m", "drop the reversed unique"]);
    retortOk(project, ["upgrade"]);
    retortOk(project, ["check"]);
    expect((await uniquesByTable(ctx.db.url)).pk_reversed).to.deep.equal([]);
    retortOk(project, ["downgrade", "-1"]);
    expect(await uniquesByTable(ctx.db.url)).to.deep.equal(before);
    forgetLatestMigration(project);
    project.write("src/entities/keys.ts", entities({ reversed: true }));
    retortOk(project, ["check"]);
  });
});
