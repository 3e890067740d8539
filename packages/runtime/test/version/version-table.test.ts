import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { MigrationRunner, VersionTable, loadScriptDirectory, quoteVersionIdent, upgradeSql } from "../../src";
import { IDS, chainSpecs, writeScriptDir } from "../support/migration-files";

describe("VersionTable statements", () => {
  it("quote names per dialect and move one head with one UPDATE", () => {
    expect(quoteVersionIdent("postgres", 'we"ird')).to.equal('"we""ird"');
    expect(quoteVersionIdent("mariadb", "we`ird")).to.equal("`we``ird`");
    const t = new VersionTable("postgres", "order");
    expect(t.headStatements(["a"], ["b"])).to.deep.equal([`UPDATE "order" SET version_num = 'b' WHERE version_num = 'a'`]);
    expect(t.headStatements(["a", "b"], ["c"])).to.deep.equal([
      `DELETE FROM "order" WHERE version_num = 'a'`,
      `DELETE FROM "order" WHERE version_num = 'b'`,
      `INSERT INTO "order" (version_num) VALUES ('c')`,
    ]);
    expect(t.headStatements([], [])).to.deep.equal([]);
  });

  it("offline SQL uses the configured table name", async () => {
    const scripts = await loadScriptDirectory(writeScriptDir(chainSpecs()));
    const out = await upgradeSql({ scripts, dialect: "mysql", versionTable: "deploy_log" }, IDS.r2);
    expect(out.sql).to.contain("CREATE TABLE IF NOT EXISTS `deploy_log`").and.contain("`deploy_log_applied`");
    expect(out.sql).to.contain("START TRANSACTION");
    expect(out.revisions).to.deep.equal([IDS.r1, IDS.r2]);
  });
});

describeEachTarget("version table with a configured, awkward name", (ctx) => {
  let db: Queryable;
  before(async () => {
    db = await connect(ctx.db.url);
  });
  after(async () => {
    await db?.close();
  });

  for (const name of ["order", 'we"ird`v']) {
    it(`works as ${name}`, async () => {
      const scripts = await loadScriptDirectory(writeScriptDir(chainSpecs()));
      const runner = new MigrationRunner({ db, scripts, versionTable: name });
      await runner.upgrade(IDS.r2);
      expect((await runner.current()).heads.map((h) => h.revision)).to.deep.equal([IDS.r2]);
      expect((await runner.current()).versionTable).to.equal(name);
      const rows = await db.query<{ version_num: string }>(`SELECT version_num FROM ${quoteVersionIdent(db.dialect, name)}`);
      expect(rows.map((r) => r.version_num)).to.deep.equal([IDS.r2]);
      const applied = await db.query<{ revision: string }>(`SELECT revision FROM ${quoteVersionIdent(db.dialect, `${name}_applied`)}`);
      expect(applied.map((r) => r.revision).sort()).to.deep.equal([IDS.r1, IDS.r2].sort());
      await runner.downgrade("base");
      expect((await runner.current()).heads).to.deep.equal([]);
    });
  }
});
