import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { loadScriptDirectory, MigrationRunner, upgradeSql } from "../../src";
import { failure, opsFixture } from "./helpers";

describeEachTarget(
  "op API on PostgreSQL: enums, USING, identity, CONCURRENTLY",
  (ctx) => {
    const f = opsFixture(ctx);
    before(() => f.open());
    after(() => f.close());
    const rows = (sql: string) => f.get().db.query(sql);
    const labels = async (type: string) =>
      (await rows(`SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = '${type}'::regtype ORDER BY enumsortorder`)).map((r) => r.l);

    it("creates an enum and a table using it, with a default", async () => {
      const { op } = f.get();
      await op.createEnum("Mood", ["sad", "ok"]);
      await op.createTable("person", [
        { name: "id", type: "integer", primaryKey: true },
        { name: "mood", type: "enum", enumName: "Mood", nullable: false, default: `'ok'::"Mood"` },
        { name: "history", type: '"Mood"[]' },
      ]);
      await op.bulkInsert("person", [{ id: 1, mood: "sad", history: ["ok", "sad"] }, { id: 2, mood: "ok" }, { id: 3 }]);
      const error = await failure(() => op.addColumn("person", { name: "inline", type: "enum", enumValues: ["a"] }));
      expect(error.message).to.match(/create one with op\.createEnum/);
      expect(await labels('"Mood"')).to.deep.equal(["sad", "ok"]);
    });

    it("adds values with ADD VALUE (appended and in between), keeping rows", async () => {
      const { op } = f.get();
      await op.alterEnum("Mood", ["sad", "meh", "ok", "happy"], { existingValues: ["sad", "ok"] });
      const kinds = op.performed.filter((p) => p.kind === "alterEnum");
      expect(kinds).to.have.length(1);
      expect(await labels('"Mood"')).to.deep.equal(["sad", "meh", "ok", "happy"]);
      expect(await rows("SELECT mood::text AS m FROM person ORDER BY id")).to.deep.equal([{ m: "sad" }, { m: "ok" }, { m: "ok" }]);
    });

    it("removes and reorders values with rows present, keeping rows and the column default", async () => {
      const { op } = f.get();
      await op.alterEnum("Mood", ["ok", "sad", "happy"], { existingValues: ["sad", "meh", "ok", "happy"] });
      expect(await labels('"Mood"')).to.deep.equal(["ok", "sad", "happy"]);
      expect(await rows("SELECT mood::text AS m FROM person ORDER BY id")).to.deep.equal([{ m: "sad" }, { m: "ok" }, { m: "ok" }]);
      await op.execute("INSERT INTO person (id) VALUES (4)");
      expect(await rows("SELECT mood::text AS m FROM person WHERE id = 4")).to.deep.equal([{ m: "ok" }]);
      expect(await rows("SELECT typname FROM pg_type WHERE typname LIKE '_retort_old%'")).to.deep.equal([]);
      expect(await rows("SELECT history::text[] AS h FROM person WHERE id = 1")).to.deep.equal([{ h: ["ok", "sad"] }]);
    });

    it("refuses to remove a value still used by a row, inside a transaction that then rolls back", async () => {
      const { op, db } = f.get();
      await db.query("BEGIN");
      const error = await failure(() => op.alterEnum("Mood", ["ok", "happy"], { existingValues: ["ok", "sad", "happy"] }));
      await db.query("ROLLBACK");
      expect(error.message).to.match(/invalid input value for enum/);
      expect(await labels('"Mood"')).to.deep.equal(["ok", "sad", "happy"]);
    });

    it("changes a type with the default USING cast and with a migration's own USING", async () => {
      const { op } = f.get();
      await op.createTable("metric", [
        { name: "id", type: "integer", primaryKey: true },
        { name: "v", type: "varchar(10)", default: "'7'" },
        { name: "flag", type: "text" },
      ]);
      await op.bulkInsert("metric", [{ id: 1, v: "12", flag: "yes" }, { id: 2, v: "40", flag: "no" }]);
      await op.alterColumn("metric", "v", { type: "integer" });
      await op.batchAlterTable("metric", (b) => b.alterColumn("flag", { type: "boolean", using: "flag = 'yes'" }));
      expect(await rows("SELECT v, flag FROM metric ORDER BY id")).to.deep.equal([{ v: 12, flag: true }, { v: 40, flag: false }]);
      await op.execute("INSERT INTO metric (id) VALUES (3)");
      expect(await rows("SELECT v FROM metric WHERE id = 3")).to.deep.equal([{ v: 7 }]);
    });

    it("adds and drops an identity", async () => {
      const { op } = f.get();
      await op.alterColumn("metric", "id", { autoIncrement: "identity-by-default" });
      await op.execute("INSERT INTO metric (v) VALUES (1)");
      expect(await rows("SELECT count(*)::int AS n FROM metric")).to.deep.equal([{ n: 4 }]);
      await op.alterColumn("metric", "id", { autoIncrement: null, existingAutoIncrement: "identity-by-default" });
      expect((await failure(() => op.execute("INSERT INTO metric (v) VALUES (2)"))).message).to.match(/null value in column "id"/);
    });

    it("creates and drops an index CONCURRENTLY from inside a migration's transaction", async () => {
      const { op, db } = f.get();
      await db.query("BEGIN");
      await op.execute("INSERT INTO metric (id, v) VALUES (100, 100)");
      await op.createIndex("metric_v_idx", "metric", ["v"], { concurrently: true, where: "v > 0" });
      await op.execute("INSERT INTO metric (id, v) VALUES (101, 101)");
      await db.query("COMMIT");
      const idx = await rows("SELECT indexdef FROM pg_indexes WHERE indexname = 'metric_v_idx'");
      expect(idx).to.deep.equal([{ indexdef: "CREATE INDEX metric_v_idx ON public.metric USING btree (v) WHERE (v > 0)" }]);
      expect(await rows("SELECT id FROM metric WHERE id >= 100 ORDER BY id")).to.deep.equal([{ id: 100 }, { id: 101 }]);
      await db.query("BEGIN");
      await op.dropIndex("metric_v_idx", "metric", { concurrently: true });
      await db.query("COMMIT");
      expect(await rows("SELECT indexdef FROM pg_indexes WHERE indexname = 'metric_v_idx'")).to.deep.equal([]);
    });

    it("runs a migration with CREATE INDEX CONCURRENTLY through the runner, online and as --sql", async () => {
      const dir = mkdtempSync(join(tmpdir(), "retort-concurrently-"));
      // A CONCURRENTLY operation stands alone in its revision (it cannot roll back with anything else).
      writeFileSync(
        join(dir, "2026_01_01_cccc00000001_event.ts"),
        `export const revision = "cccc00000001";
export const downRevision = null;
import type { MigrationOperations } from "@retort/core";
export async function upgrade(op: MigrationOperations): Promise<void> {
  await op.createTable("event", [{ name: "id", type: "integer", primaryKey: true }, { name: "at", type: "timestamptz" }]);
  await op.bulkInsert("event", [{ id: 1, at: new Date("2026-01-01T00:00:00Z") }]);
}
export async function downgrade(op: MigrationOperations): Promise<void> {
  await op.dropTable("event");
}
`,
      );
      writeFileSync(
        join(dir, "2026_01_02_cccc00000002_concurrently.ts"),
        `export const revision = "cccc00000002";
export const downRevision = "cccc00000001";
import type { MigrationOperations } from "@retort/core";
export async function upgrade(op: MigrationOperations): Promise<void> {
  await op.createIndex("event_at_idx", "event", ["at"], { concurrently: true });
}
export async function downgrade(op: MigrationOperations): Promise<void> {
  await op.dropIndex("event_at_idx", "event", { concurrently: true });
}
`,
      );
      const scripts = await loadScriptDirectory(dir);
      const offline = await upgradeSql({ scripts, dialect: "postgres" }, "cccc00000002");
      const i = offline.statements.indexOf('CREATE INDEX CONCURRENTLY "event_at_idx" ON "event" ("at")');
      expect(offline.statements.slice(i - 1, i + 2)).to.deep.equal(["COMMIT", offline.statements[i], "BEGIN"]);
      const runner = new MigrationRunner({ db: f.get().db, scripts });
      await runner.upgrade("head");
      expect(await rows("SELECT indexname FROM pg_indexes WHERE tablename = 'event'")).to.deep.include({ indexname: "event_at_idx" });
      expect(await rows("SELECT count(*)::int AS n FROM event")).to.deep.equal([{ n: 1 }]);
      expect((await runner.current()).heads.map((h) => h.revision)).to.deep.equal(["cccc00000002"]);
      await runner.downgrade("base");
      expect(await rows("SELECT to_regclass('event') AS t")).to.deep.equal([{ t: null }]);
    });

    it("drops the enum with its last table", async () => {
      const { op } = f.get();
      await op.dropTable("person");
      await op.dropEnum("Mood");
      expect(await rows(`SELECT to_regtype('"Mood"') AS t`)).to.deep.equal([{ t: null }]);
    });

    it("refuses ON UPDATE, which is MySQL/MariaDB only, in one line", async () => {
      const { op } = f.get();
      const error = await failure(() => op.createTable("stamped", [{ name: "at", type: "timestamptz", onUpdate: "now()" }]));
      expect(error.message).to.equal(
        'PostgreSQL cannot give column "at" an ON UPDATE expression. ON UPDATE is MySQL/MariaDB only: drop the onUpdate option (a trigger does the same on this engine).',
      );
    });
  },
  { families: ["postgres"] },
);
