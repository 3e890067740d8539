import { expect } from "chai";
import { autogen, check, current, downgrade, upgrade } from "../src";
import { dataSourceModule, fixtureProject, type FixtureProject } from "./support/fixture-project";

const NOTE_ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Note {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "text" }) body!: string;
}
`;

/** The functions the commands use, called in-process: results, not printed text. */
describe("programmatic API", () => {
  let project: FixtureProject;
  before(() => {
    project = fixtureProject({
      "src/entities/note.ts": NOTE_ENTITY,
      "src/data-source.ts": dataSourceModule("sqlite", "sqlite:notes.db"),
      "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
    });
  });
  after(() => project?.remove());

  it("runs check → autogen → upgrade → current → downgrade and returns plain results", async () => {
    const cwd = project.dir;
    const before = await check({ cwd });
    expect(before).to.deep.include({ upToDate: false, dialect: "sqlite" });
    expect(before.operations.map((o) => `${o.kind} ${o.table}`)).to.deep.equal(["add_table note"]);

    const generated = await autogen({ cwd, message: "notes", revId: "0000000000aa", now: new Date("2026-11-27T00:00:00Z") });
    expect(generated.file).to.match(/2026_11_27_0000000000aa_notes\.ts$/);
    expect(generated.source).to.include('export const revision = "0000000000aa";');

    const up = await upgrade("head", { cwd });
    expect(up.to).to.deep.equal(["0000000000aa"]);
    expect(up.revisions.map((r) => r.revision)).to.deep.equal(["0000000000aa"]);
    expect((await check({ cwd })).upToDate).to.equal(true);
    expect((await current({ cwd })).heads.map((h) => h.revision)).to.deep.equal(["0000000000aa"]);

    const down = await downgrade("base", { cwd });
    expect(down.to).to.deep.equal([]);
    expect((await current({ cwd })).heads).to.deep.equal([]);
  });
});
