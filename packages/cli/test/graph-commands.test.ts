import { expect } from "chai";
import { readFileSync } from "node:fs";
import { fixtureProject, type FixtureProject } from "./support/fixture-project";
import { runRetort, type RetortRun } from "./support/run-retort";

function ok(run: RetortRun): RetortRun {
  expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
  return run;
}

const json = <T>(run: RetortRun): T => JSON.parse(ok(run).stdout) as T;

/** Graph commands work from the script directory alone; upgrade needs only a URL. */
describe("revision, merge and the graph commands", () => {
  let project: FixtureProject;
  const retort = (...args: string[]) => runRetort(args, project.dir);

  before(() => {
    project = fixtureProject({
      "retort.config.json": JSON.stringify({ entities: ["./src/entities/*.ts"], url: "sqlite:./app.db" }),
    });
  });
  after(() => project?.remove());

  it("writes formatted empty revisions, a second root with a branch label, and a merge", () => {
    const first = json<{ revision: string; file: string; downRevision: null }>(retort("revision", "-m", "start", "--rev-id", "aaaa00000001", "--json"));
    expect(first.downRevision).to.equal(null);
    const source = readFileSync(first.file, "utf8");
    expect(source).to.include('import type { MigrationOperations } from "@retort/cli";');
    expect(source).to.include('export const revision = "aaaa00000001";');
    ok(retort("revision", "-m", "users", "--rev-id", "aaaa00000002"));
    ok(retort("revision", "-m", "feature start", "--head", "base", "--branch-label", "feature", "--rev-id", "bbbb00000001"));
    const heads = json<{ heads: { revision: string }[] }>(retort("heads", "--json"));
    expect(heads.heads.map((h) => h.revision).sort()).to.deep.equal(["aaaa00000002", "bbbb00000001"]);
    const refused = retort("revision", "-m", "ambiguous");
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.match(/--head/);
    const merged = json<{ revision: string; downRevision: string[] }>(retort("merge", "-m", "join", "heads", "--rev-id", "cccc00000001", "--json"));
    expect([...merged.downRevision].sort()).to.deep.equal(["aaaa00000002", "bbbb00000001"]);
  });

  it("lists history, shows a revision, and upgrades, stamps and reports current", () => {
    const history = ok(retort("history")).stdout.trim().split("\n");
    expect(history[0]).to.include("cccc00000001").and.include("(head)").and.include("(mergepoint)");
    expect(history).to.have.length(4);
    expect(ok(retort("show", "aaaa00000001")).stdout).to.include("Rev: aaaa00000001");
    const ambiguous = retort("show", "aaaa");
    expect(ambiguous.code).to.equal(2);
    expect(ambiguous.stderr).to.include("aaaa00000001").and.include("aaaa00000002");
    ok(retort("upgrade", "bbbb00000001"));
    expect(json<{ heads: { revision: string }[] }>(retort("current", "--json")).heads.map((h) => h.revision)).to.deep.equal(["bbbb00000001"]);
    ok(retort("upgrade"));
    expect(ok(retort("current")).stdout).to.include("cccc00000001");
    ok(retort("stamp", "aaaa00000001", "--purge"));
    expect(ok(retort("current")).stdout).to.include("aaaa00000001");
    expect(ok(retort("history", "-r", "aaaa00000002:", "--indicate-current")).stdout).not.to.include("(current)");
  });

  it("prints the offline SQL of a range without connecting", () => {
    const run = ok(runRetort(["upgrade", "--sql", "aaaa00000002", "--url", "postgres://nobody:pw@127.0.0.1:1/none"], project.dir));
    expect(run.stdout).to.match(/CREATE TABLE IF NOT EXISTS "retort_version"/);
    expect(run.stdout).to.include("aaaa00000002");
  });
});
