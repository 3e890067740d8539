import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { dataSourceModule, fixtureProject, typeormFor, type FixtureProject } from "./support/fixture-project";
import { printable } from "../src/output/printable";
import { runRetort, type RetortRun } from "./support/run-retort";

/**
 * Issue 10 item 19: names and messages holding ANSI escapes or other control characters
 * are printed escaped (`\x1b`), never raw: a raw escape can clear, recolour or retitle the
 * user's terminal.
 */
const EVIL_TABLE = "evil\u001b[2J\u001b]0;pwned\u0007tbl";
const EVIL_MESSAGE = "add \u001b[31mred\u001b[0m\rfake line";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity(${JSON.stringify(EVIL_TABLE)})
export class Evil {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 20 }) name!: string;
}
`;

function expectNoRawControl(run: RetortRun): void {
  const text = run.stdout + run.stderr;
  expect(text, JSON.stringify(text)).not.to.match(/[\u0000-\u0008\u000b-\u001f\u007f]/);
}

describeEachTarget("control characters in names and messages are escaped", (ctx) => {
  let project: FixtureProject;
  before(() => {
    project = fixtureProject(
      {
        "src/entities/evil.ts": ENTITY,
        "src/data-source.ts": dataSourceModule(ctx.target.name, ctx.db.url),
        "retort.config.ts": 'export default { dataSource: "./src/data-source.ts" };\n',
      },
      { typeorm: typeormFor(ctx.target.name) },
    );
  });
  after(() => project?.remove());

  it("in check, autogen, upgrade, history and current", () => {
    const check = runRetort(["check"], project.dir);
    expect(check.code, check.stderr).to.equal(1);
    expectNoRawControl(check);
    expect(check.stdout).to.include("evil\\x1b[2J\\x1b]0;pwned\\x07tbl");

    const autogen = runRetort(["autogen", "-m", EVIL_MESSAGE], project.dir);
    expect(autogen.code, autogen.stderr).to.equal(0);
    expectNoRawControl(autogen);

    for (const args of [["upgrade"], ["history"], ["current"], ["heads"], ["show", "head"]]) {
      const run = runRetort(args, project.dir);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).to.equal(0);
      expectNoRawControl(run);
    }
    expect(runRetort(["history"], project.dir).stdout).to.include("add \\x1b[31mred\\x1b[0m\\x0dfake line");
    const after = runRetort(["check"], project.dir);
    expect(after.code, after.stdout + after.stderr).to.equal(0);
  });
});

describe("printable", () => {
  it("keeps retort's own colours and escapes a name's escapes, even with colour on", () => {
    const green = "\u001b[32mok\u001b[39m";
    expect(printable(`${green} table evil\u001b[2J\u001b]0;x\u0007 \u009b31m\u202e`, true)).to.equal(`${green} table evil\\x1b[2J\\x1b]0;x\\x07 \\x9b31m\\u202e`);
    expect(printable(green, false)).to.equal("\\x1b[32mok\\x1b[39m");
    expect(printable("line one\n\tline two", false)).to.equal("line one\n\tline two");
  });
});
