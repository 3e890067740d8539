import type { Queryable } from "@retort/core";
import { connect, introspect } from "@retort/dialects";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MigrationRunner, downgradeSql, loadScriptDirectory, upgradeSql } from "../../src";

/**
 * `--sql` on SQLite with a batch that must rebuild its table: the rebuild is planned on
 * an in-memory copy of the schema built from the migrations (before, such a script could
 * not be printed at all). The script must give the database `upgrade` gives, rows kept.
 */
const R1 = `export const revision = "b00000000001";
export const downRevision = null;
export async function upgrade(op: any) {
  await op.execute('CREATE TABLE "order" (id INTEGER PRIMARY KEY, note varchar(20) NULL, qty integer NOT NULL DEFAULT 1)');
  await op.createIndex("ix_order_qty", "order", ["qty"]);
}
export async function downgrade(op: any) {
  await op.dropTable("order");
}
`;

const R2 = `export const revision = "b00000000002";
export const downRevision = "b00000000001";
export async function upgrade(op: any) {
  await op.batchAlterTable("order", (b: any) => {
    b.alterColumn("qty", { newName: "quantity" });
    b.alterColumn("note", { nullable: false, existingType: "varchar(20)", existingNullable: true });
  });
}
export async function downgrade(op: any) {
  await op.batchAlterTable("order", (b: any) => {
    b.alterColumn("note", { nullable: true, existingType: "varchar(20)", existingNullable: false });
    b.alterColumn("quantity", { newName: "qty" });
  });
}
`;

function scriptDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "retort-offline-batch-"));
  writeFileSync(join(dir, "2026_01_01_b00000000001_create.ts"), R1);
  writeFileSync(join(dir, "2026_01_02_b00000000002_rebuild.ts"), R2);
  return dir;
}

async function run(db: Queryable, statements: readonly string[]): Promise<void> {
  for (const sql of statements) if (!sql.startsWith("--")) await db.query(sql);
}

const schemaOf = async (db: Queryable) => (await introspect(db)).tables.filter((t) => t.name === "order");

describeEachTarget(
  "runner: --sql on SQLite writes batch rebuilds",
  (ctx) => {
    let online: TestDatabase | undefined;
    let offlineDb: Queryable;
    let onlineDb: Queryable;
    before(async () => {
      online = await createTestDatabase(ctx.target);
      offlineDb = await connect(ctx.db.url);
      onlineDb = await connect(online.url);
    });
    after(async () => {
      await offlineDb?.close();
      await onlineDb?.close();
      await online?.drop();
    });

    it("a script from a revision replays the earlier ones, rebuilds with rows kept, and matches upgrade", async () => {
      const scripts = await loadScriptDirectory(scriptDir());
      await run(offlineDb, (await upgradeSql({ scripts, dialect: "sqlite" }, "b00000000001")).statements);
      await offlineDb.query(`INSERT INTO "order" (id, note, qty) VALUES (1, 'first', 5), (2, 'second', 7)`);

      const rest = await upgradeSql({ scripts, dialect: "sqlite" }, "b00000000001:head");
      expect(rest.statements[1]).to.equal("PRAGMA foreign_keys = OFF");
      expect(rest.sql).to.include('RENAME COLUMN "qty" TO "quantity"').and.include('CREATE TABLE "_retort_tmp');
      await run(offlineDb, rest.statements);

      await new MigrationRunner({ db: onlineDb, scripts }).upgrade("head");
      expect(await schemaOf(offlineDb)).to.deep.equal(await schemaOf(onlineDb));
      expect(await offlineDb.query(`SELECT id, note, quantity FROM "order" ORDER BY id`)).to.deep.equal([
        { id: 1, note: "first", quantity: 5 },
        { id: 2, note: "second", quantity: 7 },
      ]);
      expect((await new MigrationRunner({ db: offlineDb, scripts }).current()).heads.map((h) => h.revision)).to.deep.equal(["b00000000002"]);
    });

    it("a downgrade script rebuilds back to the earlier schema", async () => {
      const scripts = await loadScriptDirectory(scriptDir());
      await run(offlineDb, (await downgradeSql({ scripts, dialect: "sqlite" }, "head:b00000000001")).statements);
      await new MigrationRunner({ db: onlineDb, scripts }).downgrade("b00000000001");
      expect(await schemaOf(offlineDb)).to.deep.equal(await schemaOf(onlineDb));
      expect(await offlineDb.query(`SELECT id, note, qty FROM "order" ORDER BY id`)).to.have.length(2);
    });

    it("a whole script from base needs no replay", async () => {
      const scripts = await loadScriptDirectory(scriptDir());
      const whole = await upgradeSql({ scripts, dialect: "sqlite" }, "head");
      const fresh = await createTestDatabase(ctx.target);
      const db = await connect(fresh.url);
      try {
        await run(db, whole.statements);
        await new MigrationRunner({ db: onlineDb, scripts }).upgrade("head");
        expect(await schemaOf(db)).to.deep.equal(await schemaOf(onlineDb));
        expect(await schemaOf(db)).to.have.length(1);
      } finally {
        await db.close();
        await fresh.drop();
      }
    });

    it("says why, and what to do, when the earlier revisions cannot be replayed offline", async () => {
      const dir = scriptDir();
      writeFileSync(join(dir, "2026_01_01_b00000000001_create.ts"), R1.replace("await op.createIndex(", 'await op.getBind().query("SELECT 1");\n  await op.createIndex('));
      const scripts = await loadScriptDirectory(dir);
      const error = await upgradeSql({ scripts, dialect: "sqlite" }, "b00000000001:head").catch((e: unknown) => e);
      expect(error).to.have.property("code", "offline_batch_unavailable");
      expect((error as Error).message).to.include("replaying the revisions before the range failed").and.include("retort upgrade");
    });
  },
  { families: ["sqlite"] },
);
