import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { MigrationRunner, loadScriptDirectory, quoteVersionIdent } from "../../src";
import { IDS, chainSpecs, writeScriptDir } from "../support/migration-files";

describeEachTarget("bookkeeping tables in odd states", (ctx) => {
  let extra: TestDatabase | undefined;
  let db: Queryable;
  beforeEach(async () => {
    extra = await createTestDatabase(ctx.target);
    db = await connect(extra.url);
  });
  afterEach(async () => {
    await db?.close();
    await extra?.drop();
  });

  // Issue 10, item 11: the existence check looked at retort_version, then read retort_version_applied.
  it("a missing retort_version_applied table is read as no checksums, and upgrade recreates it", async () => {
    const dir = writeScriptDir(chainSpecs());
    await new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) }).upgrade(IDS.r1);
    await db.query(`DROP TABLE ${quoteVersionIdent(db.dialect, "retort_version_applied")}`);
    const runner = new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) });
    const current = await runner.current({ verbose: true });
    expect(current.heads.map((h) => h.revision)).to.deep.equal([IDS.r1]);
    expect(current.warnings).to.deep.equal([]);
    expect((await runner.upgrade(IDS.r2)).to).to.deep.equal([IDS.r2]);
    const applied = await db.query<{ revision: string }>(`SELECT revision FROM ${quoteVersionIdent(db.dialect, "retort_version_applied")}`);
    expect(applied.map((r) => r.revision)).to.deep.equal([IDS.r2]);
  });
});
