import { rejectionOf } from "@retort/testing";
import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  InvalidMigrationError,
  MissingDownRevisionError,
  MultipleHeadsError,
  RevisionWriteError,
  checksumOf,
  expandMergeTargets,
  loadScriptDirectory,
  planMerge,
  planRevision,
  type NewRevisionOptions,
  type PlannedRevision,
} from "../../src";
import { migrationSource, tableMigration, writeScriptDir } from "../support/migration-files";

function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), "retort-scripts-"));
}

describe("script directory", () => {
  it("loads migrations with their headers and a checksum of each file", async () => {
    const dir = writeScriptDir([tableMigration("aaaa00000001", "a", null), tableMigration("aaaa00000002", "b", "aaaa00000001", { branchLabels: ["main"] })]);
    const scripts = await loadScriptDirectory(dir);
    expect([...scripts.scripts.keys()]).to.deep.equal(["aaaa00000001", "aaaa00000002"]);
    const second = scripts.scripts.get("aaaa00000002")!;
    expect(second.downRevisions).to.deep.equal(["aaaa00000001"]);
    expect(second.branchLabels).to.deep.equal(["main"]);
    expect(second.message).to.equal("create t_b");
    expect(second.checksum).to.equal(checksumOf(readFileSync(second.file, "utf8")));
    expect(scripts.graph.heads()).to.deep.equal(["aaaa00000002"]);
  });

  it("a missing folder is an empty directory", async () => {
    const scripts = await loadScriptDirectory(join(emptyDir(), "nope"));
    expect(scripts.scripts.size).to.equal(0);
    expect(scripts.graph.heads()).to.deep.equal([]);
  });

  it("ignores line-ending differences in checksums", () => {
    expect(checksumOf("a\r\nb\n")).to.equal(checksumOf("a\nb\n"));
    expect(checksumOf("a\nb\n")).not.to.equal(checksumOf("a\nc\n"));
  });

  it("validation errors name the file", async () => {
    const dir = emptyDir();
    const file = join(dir, "2026_01_01_bad.ts");
    writeFileSync(file, `export const revision = "bad000000001";\nexport async function upgrade() {}\nexport async function downgrade() {}\n`);
    const e = (await rejectionOf(loadScriptDirectory(dir))) as InvalidMigrationError;
    expect(e).to.be.instanceOf(InvalidMigrationError);
    expect(e.code).to.equal("invalid_migration");
    expect(e.message).to.contain(file).and.contain("downRevision");
  });

  it("refuses a module without upgrade, or with a bad revision id", async () => {
    const dir = emptyDir();
    writeFileSync(join(dir, "a.ts"), `export const revision = "x y";\nexport const downRevision = null;\n`);
    expect(await rejectionOf(loadScriptDirectory(dir))).to.be.instanceOf(InvalidMigrationError).and.to.have.property("message").that.matches(/revision/);
    writeFileSync(join(dir, "a.ts"), `export const revision = "ok0000000001";\nexport const downRevision = null;\nexport function downgrade() {}\n`);
    expect(await rejectionOf(loadScriptDirectory(dir))).to.be.instanceOf(InvalidMigrationError).and.to.have.property("message").that.matches(/upgrade\(op\)/);
  });

  it("a missing down revision names the file", async () => {
    const dir = writeScriptDir([tableMigration("bbbb00000002", "b", "gone00000001")]);
    expect(await rejectionOf(loadScriptDirectory(dir))).to.be.instanceOf(MissingDownRevisionError).and.to.have.property("message").that.matches(/bbbb00000002_m\.ts/);
  });

  it("accepts a default export and JavaScript files", async () => {
    const dir = emptyDir();
    writeFileSync(
      join(dir, "2026_01_01_js.js"),
      `exports.default = { revision: "js0000000001", downRevision: null, upgrade() {}, downgrade() {} };\n`,
    );
    expect([...(await loadScriptDirectory(dir)).scripts.keys()]).to.deep.equal(["js0000000001"]);
  });

  it("sees a file edited since it was first loaded", async () => {
    const dir = writeScriptDir([tableMigration("cccc00000001", "c", null)]);
    const first = (await loadScriptDirectory(dir)).scripts.get("cccc00000001")!;
    writeFileSync(first.file, migrationSource({ ...tableMigration("cccc00000001", "c", null), message: "changed" }));
    const again = (await loadScriptDirectory(dir)).scripts.get("cccc00000001")!;
    expect(again.message).to.equal("changed");
    expect(again.checksum).not.to.equal(first.checksum);
  });
});

describe("planning new revisions", () => {
  const now = new Date("2026-11-27T10:00:00Z");

  /** Plans a revision and writes its header as a file, as the CLI does through codegen. */
  async function add(dir: string, options: NewRevisionOptions): Promise<PlannedRevision> {
    const planned = planRevision(await loadScriptDirectory(dir), options);
    writeScriptDir([{ ...planned, up: [], down: [] }], dir);
    return planned;
  }

  it("puts a new revision on the single head, with a fresh 12-hex id", async () => {
    const dir = emptyDir();
    const first = await add(dir, { message: "Create users!", now });
    expect(first.revision).to.match(/^[0-9a-f]{12}$/);
    expect(first.downRevision).to.equal(null);
    expect(first.createdAt).to.equal(now.toISOString());
    const second = await add(dir, { message: "add email", revId: "given0000001", branchLabels: ["core"], now });
    expect(second).to.deep.include({ revision: "given0000001", downRevision: first.revision, branchLabels: ["core"], message: "add email" });
    expect((await loadScriptDirectory(dir)).graph.heads()).to.deep.equal(["given0000001"]);
  });

  it("needs --head with several heads, --splice to branch from a non-head, and plans merges", async () => {
    const dir = emptyDir();
    const a = await add(dir, { message: "a", revId: "a00000000001", now });
    await add(dir, { message: "b", revId: "b00000000001", now });
    const directoryC = await loadScriptDirectory(dir);
    expect(() => planRevision(directoryC, { message: "c", head: a.revision, now })).to.throw(RevisionWriteError, /--splice/);
    await add(dir, { message: "c", head: a.revision, splice: true, revId: "c00000000001", branchLabels: ["side"], now });
    const directoryD = await loadScriptDirectory(dir);
    expect(() => planRevision(directoryD, { message: "d", now })).to.throw(MultipleHeadsError, /merge/);
    const onLabel = await add(dir, { message: "d", head: "side@head", revId: "d00000000001", now });
    expect(onLabel.downRevision).to.equal("c00000000001");
    const before = await loadScriptDirectory(dir);
    expect(expandMergeTargets(before, ["heads"]).sort()).to.deep.equal(["b00000000001", "d00000000001"]);
    const merge = planMerge(before, ["heads"], { message: "merge heads", revId: "e00000000001", now });
    expect([...(merge.downRevision as string[])].sort()).to.deep.equal(["b00000000001", "d00000000001"]);
    writeScriptDir([{ ...merge, up: [], down: [] }], dir);
    const scripts = await loadScriptDirectory(dir);
    expect(scripts.graph.heads()).to.deep.equal(["e00000000001"]);
    expect(scripts.graph.isMerge("e00000000001")).to.equal(true);
    expect(() => planMerge(scripts, ["e00000000001"], { message: "x" })).to.throw(RevisionWriteError, /two/);
    expect(() => planRevision(scripts, { message: "dup", revId: "a00000000001" })).to.throw(RevisionWriteError, /already exists/);
    expect(() => planRevision(scripts, { message: "label", branchLabels: ["side"] })).to.throw(RevisionWriteError, /already used/);
  });
});
