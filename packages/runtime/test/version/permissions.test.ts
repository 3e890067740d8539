import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { randomBytes } from "node:crypto";
import { MigrationFailedError, MigrationRunner, VersionTablePermissionError, loadScriptDirectory, type ScriptDirectory } from "../../src";
import { IDS, chainSpecs, writeScriptDir } from "../support/migration-files";

/**
 * Issue 10, item 10: a PostgreSQL role without rights on the version table made `current`
 * answer "<base>" (information_schema hides such tables) and `upgrade` fail with an
 * unexpected error. Every refusal names the table and the right.
 */
describeEachTarget(
  "a role without rights on the version tables",
  (ctx) => {
    let extra: TestDatabase;
    let owner: Queryable;
    let restricted: Queryable;
    const role = `retort_r_${randomBytes(4).toString("hex")}`;
    const dir = writeScriptDir(chainSpecs());

    before(async () => {
      extra = await createTestDatabase(ctx.target);
      owner = await connect(extra.url);
      await owner.query(`CREATE ROLE ${role} LOGIN`);
      await owner.query(`GRANT ALL ON SCHEMA public TO ${role}`);
      await new MigrationRunner({ db: owner, scripts: await loadScriptDirectory(dir) }).upgrade(IDS.r1);
      const url = new URL(extra.url);
      url.username = role;
      url.password = "";
      restricted = await connect(url.toString());
    });
    after(async () => {
      await restricted?.close();
      await owner?.close();
      await extra?.drop();
      // The block's own database is dropped by now: the role is server-wide, drop it from the server's default one.
      const server = new URL(extra.url);
      server.pathname = "/postgres";
      const admin = await connect(server.toString());
      try {
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
      } finally {
        await admin.close();
      }
    });

    let scripts: ScriptDirectory;
    before(async () => {
      scripts = await loadScriptDirectory(dir);
    });
    const runner = () => new MigrationRunner({ db: restricted, scripts });

    it("current refuses, naming retort_version and SELECT, instead of answering <base>", async () => {
      const err = await runner().current().catch((e: unknown) => e);
      expect(err).to.be.instanceOf(VersionTablePermissionError);
      const e = err as VersionTablePermissionError;
      expect(e.code).to.equal("permission_denied");
      expect(e.right).to.equal("SELECT");
      expect(e.message).to.include("no SELECT right on table retort_version").and.include("GRANT SELECT, INSERT, UPDATE, DELETE ON retort_version, retort_version_applied");
    });

    it("upgrade refuses the same way before running anything", async () => {
      const err = await runner().upgrade("head").catch((e: unknown) => e);
      expect(err).to.be.instanceOf(VersionTablePermissionError);
      const tables = await owner.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 't_r2'");
      expect(Number(tables[0]!.n)).to.equal(0);
    });

    it("with SELECT only: current answers; current -v and upgrade name the next missing right", async () => {
      await owner.query(`GRANT SELECT ON retort_version TO ${role}`);
      expect((await runner().current()).heads.map((h) => h.revision)).to.deep.equal([IDS.r1]);
      const verbose = (await runner().current({ verbose: true }).catch((e: unknown) => e)) as VersionTablePermissionError;
      expect(verbose).to.be.instanceOf(VersionTablePermissionError);
      expect(verbose.message).to.include("no SELECT right on table retort_version_applied");
      await owner.query(`GRANT SELECT ON retort_version_applied TO ${role}`);
      const failed = (await runner().upgrade(IDS.r2).catch((e: unknown) => e)) as MigrationFailedError;
      expect(failed).to.be.instanceOf(MigrationFailedError);
      expect(failed.message).to.include("no UPDATE right on table retort_version").and.include("nothing of a1b2c3d40002 applied");
      expect((await runner().current()).heads.map((h) => h.revision)).to.deep.equal([IDS.r1]);
    });
  },
  { targets: ["postgres"] },
);
