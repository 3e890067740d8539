import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { loadScriptDirectory, MigrationRunner } from "../../src";
import { createOperations } from "../../src/ops";
import { failure } from "./helpers";

const NODES = 40;
const LEAVES_PER_NODE = 3;

/**
 * A table with rows, a unique constraint, a check, two indexes (one partial), a trigger,
 * a self-referencing foreign key and a child table with ON DELETE CASCADE: everything a
 * careless rebuild would lose.
 */
async function createFamily(db: Queryable): Promise<void> {
  await db.query("PRAGMA foreign_keys = ON");
  await db.query(`CREATE TABLE node (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES node (id) ON DELETE CASCADE,
    name varchar(20) NOT NULL,
    score text,
    CONSTRAINT node_name_uq UNIQUE (name),
    CONSTRAINT node_name_ck CHECK (length(name) > 0)
  )`);
  await db.query("CREATE INDEX node_parent_idx ON node (parent_id)");
  await db.query("CREATE INDEX node_score_idx ON node (score) WHERE score IS NOT NULL");
  await db.query(`CREATE TABLE leaf (
    id INTEGER PRIMARY KEY,
    node_id INTEGER NOT NULL REFERENCES node (id) ON DELETE CASCADE,
    label text
  )`);
  await db.query("CREATE TRIGGER node_renamed AFTER UPDATE OF name ON node BEGIN UPDATE leaf SET label = NEW.name WHERE node_id = NEW.id; END");
  await db.query("BEGIN");
  for (let i = 1; i <= NODES; i++) {
    await db.query("INSERT INTO node (id, parent_id, name, score) VALUES (?, ?, ?, ?)", [i, i === 1 ? null : Math.floor(i / 2), `n${i}`, String(i * 10)]);
    for (let j = 0; j < LEAVES_PER_NODE; j++) await db.query("INSERT INTO leaf (node_id, label) VALUES (?, ?)", [i, `l${i}.${j}`]);
  }
  await db.query("COMMIT");
}

async function count(db: Queryable, table: string): Promise<number> {
  return Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
}

async function schemaObjects(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ type: string; name: string }>(
    "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
  );
  return rows.map((r) => `${r.type}:${r.name}`);
}

/** Everything that must hold after any rebuild of `node`. */
async function expectFamilyIntact(db: Queryable): Promise<void> {
  expect(await count(db, "node")).to.equal(NODES);
  expect(await count(db, "leaf")).to.equal(NODES * LEAVES_PER_NODE);
  expect(await schemaObjects(db)).to.include.members([
    "index:node_parent_idx",
    "table:leaf",
    "table:node",
    "trigger:node_renamed",
  ]);
  expect(await db.query("PRAGMA foreign_key_check")).to.deep.equal([]);
  expect(Number((await db.query<{ foreign_keys: number }>("PRAGMA foreign_keys"))[0]!.foreign_keys)).to.equal(1);
  // Unique, check, incoming and self-referencing foreign keys are all still enforced.
  expect((await failure(() => db.query("INSERT INTO node (id, name) VALUES (1000, 'n1')"))).message).to.match(/UNIQUE/);
  expect((await failure(() => db.query("INSERT INTO node (id, name) VALUES (1000, '')"))).message).to.match(/CHECK/);
  expect((await failure(() => db.query("INSERT INTO leaf (node_id) VALUES (9999)"))).message).to.match(/FOREIGN KEY/);
  expect((await failure(() => db.query("INSERT INTO node (id, parent_id, name) VALUES (1000, 9999, 'x')"))).message).to.match(/FOREIGN KEY/);
}

describeEachTarget(
  "SQLite batch mode",
  (ctx) => {
    let db: Queryable;
    beforeEach(async () => {
      db = await connect(ctx.db.url);
      for (const t of ["leaf", "node"]) await db.query(`DROP TABLE IF EXISTS ${t}`);
      await createFamily(db);
    });
    afterEach(() => db.close());

    it("rebuilds a table with rows, indexes, a trigger, a self-referencing FK and a cascading child, keeping every row", async () => {
      const op = createOperations({ db, dialect: "sqlite" });
      await op.batchAlterTable("node", (b) => {
        b.alterColumn("score", { type: "integer" });
        b.alterColumn("name", { type: "varchar(40)" });
        b.addColumn({ name: "weight", type: "integer", nullable: false, default: "1" });
        b.createCheckConstraint("node_weight_ck", "weight > 0");
        b.createIndex("node_weight_idx", ["weight", { column: "name", desc: true }]);
      });
      await expectFamilyIntact(db);
      expect(await schemaObjects(db)).to.include.members(["index:node_weight_idx", "index:node_score_idx"]);
      const partial = await db.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'node_score_idx'");
      expect(partial[0]!.sql).to.match(/WHERE score IS NOT NULL$/);
      const scores = await db.query<{ score: unknown; t: string }>("SELECT score, typeof(score) AS t FROM node ORDER BY id LIMIT 2");
      expect(scores).to.deep.equal([{ score: 10, t: "integer" }, { score: 20, t: "integer" }]);
      expect((await failure(() => db.query("INSERT INTO node (id, name, score, weight) VALUES (1001, 'w', 1, 0)"))).message).to.match(/CHECK/);
      expect((await failure(() => db.query("INSERT INTO node (id, weight) VALUES (1001, 2)"))).message).to.match(/NOT NULL/);
      // The trigger still fires, and the cascade still reaches the child (and the subtree).
      await db.query("UPDATE node SET name = 'renamed' WHERE id = 5");
      expect(await db.query("SELECT DISTINCT label FROM leaf WHERE node_id = 5")).to.deep.equal([{ label: "renamed" }]);
      await db.query("DELETE FROM node WHERE id = 20");
      expect(await count(db, "leaf")).to.equal((NODES - 2) * LEAVES_PER_NODE); // node 20 and its child 40
    });

    it("drops a constrained column and a constraint, renames a column, with recreate: always", async () => {
      const op = createOperations({ db, dialect: "sqlite" });
      await op.batchAlterTable(
        "node",
        (b) => {
          b.dropIndex("node_score_idx");
          b.dropColumn("score");
          b.alterColumn("name", { newName: "title" });
        },
        { recreate: "always" },
      );
      expect(await count(db, "node")).to.equal(NODES);
      expect(await count(db, "leaf")).to.equal(NODES * LEAVES_PER_NODE);
      expect(await db.query("SELECT id, parent_id, title FROM node WHERE id = 3")).to.deep.equal([{ id: 3, parent_id: 1, title: "n3" }]);
      expect((await failure(() => db.query("INSERT INTO node (id, title) VALUES (1000, 'n1')"))).message).to.match(/UNIQUE/);
      expect(await db.query("PRAGMA foreign_key_check")).to.deep.equal([]);
    });

    // Prisma's SQLite foreign keys have no name (docs/prisma-corpus.md): dropped by their columns.
    it("drops an unnamed foreign key by its columns, with its column, keeping every row", async () => {
      const op = createOperations({ db, dialect: "sqlite" });
      await op.batchAlterTable("node", (b) => {
        b.dropConstraint(null, "foreignKey", { columns: ["parent_id"] });
        b.dropIndex("node_parent_idx");
        b.dropColumn("parent_id");
      });
      expect(await count(db, "node")).to.equal(NODES);
      expect(await count(db, "leaf")).to.equal(NODES * LEAVES_PER_NODE);
      expect(await db.query("PRAGMA foreign_key_list(node)")).to.deep.equal([]);
      expect((await failure(() => db.query("INSERT INTO leaf (node_id) VALUES (9999)"))).message).to.match(/FOREIGN KEY/);
      const missing = await failure(() =>
        op.batchAlterTable("leaf", (b) => b.dropConstraint(null, "foreignKey", { columns: ["label"] })),
      );
      expect(missing.message).to.match(/has no foreignKey constraint named \(unnamed\)/);
    });

    it("runs inside the runner's transaction and is rolled back with it", async () => {
      const dir = mkdtempSync(join(tmpdir(), "retort-batch-"));
      writeFileSync(
        join(dir, "2026_01_01_aaaa00000001_batch.ts"),
        `export const revision = "aaaa00000001";
export const downRevision = null;
import type { MigrationOperations } from "@retort/core";
export async function upgrade(op: MigrationOperations): Promise<void> {
  await op.batchAlterTable("node", (b) => {
    b.alterColumn("score", { type: "integer" });
    b.createUniqueConstraint("node_score_uq", ["score"]);
  });
  await op.execute("INSERT INTO leaf (node_id, label) VALUES (1, 'from the migration')");
}
export async function downgrade(op: MigrationOperations): Promise<void> {
  await op.batchAlterTable("node", (b) => b.dropConstraint("node_score_uq", "unique"));
}
`,
      );
      const runner = new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) });
      await runner.upgrade("head");
      expect(await count(db, "leaf")).to.equal(NODES * LEAVES_PER_NODE + 1);
      expect((await failure(() => db.query("INSERT INTO node (id, name, score) VALUES (1000, 'u', 10)"))).message).to.match(/UNIQUE/);
      await db.query("DELETE FROM leaf WHERE label = 'from the migration'");
      await runner.downgrade("base");
      await db.query("INSERT INTO node (id, name, score) VALUES (1000, 'u', 10)");
      await db.query("DELETE FROM node WHERE id = 1000");
      await expectFamilyIntact(db);
    });

    it("refuses a rebuild that would break foreign keys and leaves the table as it was", async () => {
      await db.query("PRAGMA foreign_keys = OFF");
      await db.query("INSERT INTO node (id, parent_id, name) VALUES (500, NULL, 'orphan-parent')");
      await db.query("INSERT INTO leaf (node_id, label) VALUES (777, 'orphan')");
      await db.query("PRAGMA foreign_keys = ON");
      const before = (await db.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'node'"))[0]!.sql;
      const op = createOperations({ db, dialect: "sqlite" });
      const error = await failure(() => op.batchAlterTable("node", (b) => b.alterColumn("score", { type: "integer" })));
      expect(error.message).to.match(/violating foreign keys: leaf row \d+ → node/);
      expect((await db.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'node'"))[0]!.sql).to.equal(before);
      expect(await count(db, "node")).to.equal(NODES + 1);
      expect(Number((await db.query<{ foreign_keys: number }>("PRAGMA foreign_keys"))[0]!.foreign_keys)).to.equal(1);
    });

    it("runs in-place changes as plain ALTERs with recreate: auto", async () => {
      const op = createOperations({ db, dialect: "sqlite" });
      await op.batchAlterTable("node", (b) => {
        b.addColumn({ name: "memo", type: "text" });
        b.alterColumn("score", { newName: "points" });
        b.createIndex("node_memo_idx", ["memo"]);
      });
      const batch = op.performed.find((p) => p.kind === "batchAlterTable");
      expect(batch).to.not.equal(undefined);
      // No rebuild: the table keeps its original CREATE text, extended by ALTER.
      const sql = (await db.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'node'"))[0]!.sql;
      expect(sql).to.match(/^CREATE TABLE node \(/);
      expect(sql).to.include('"memo" text').and.match(/"?points"? text/);
      await expectFamilyIntact(db);
    });

    it("fails a plain op SQLite cannot ALTER with a message naming batchAlterTable", async () => {
      const op = createOperations({ db, dialect: "sqlite" });
      const attempts: (() => Promise<void>)[] = [
        () => op.alterColumn("node", "score", { type: "integer" }),
        () => op.alterColumn("node", "name", { nullable: true }),
        () => op.alterColumn("node", "score", { default: "'0'" }),
        () => op.createUniqueConstraint("node_score_uq", "node", ["score"]),
        () => op.createForeignKey("leaf_fk2", "leaf", { columns: ["label"], referencedTable: "node", referencedColumns: ["name"] }),
        () => op.createCheckConstraint("node_ck2", "node", "id > 0"),
        () => op.dropConstraint("node_name_uq", "node", "unique"),
        () => op.dropColumn("node", "name"),
        () => op.addColumn("node", { name: "req", type: "integer", nullable: false }),
      ];
      for (const attempt of attempts) {
        const error = await failure(attempt);
        expect(error.message).to.include('op.batchAlterTable("');
        expect((error as { code?: string }).code).to.equal("sqlite_needs_batch");
      }
      await expectFamilyIntact(db);
    });

    it("keeps views on the table and the AUTOINCREMENT counter", async () => {
      await db.query("CREATE TABLE ticket (id INTEGER PRIMARY KEY AUTOINCREMENT, node_id INTEGER REFERENCES node (id), body text)");
      await db.query("INSERT INTO ticket (node_id, body) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      await db.query("DELETE FROM ticket WHERE id = 3");
      await db.query("CREATE VIEW open_ticket AS SELECT t.id, n.name FROM ticket t JOIN node n ON n.id = t.node_id");
      await db.query("CREATE VIEW open_ticket_count AS SELECT COUNT(*) AS n FROM open_ticket");
      const op = createOperations({ db, dialect: "sqlite" });
      await op.batchAlterTable("ticket", (b) => b.alterColumn("body", { nullable: false, default: "''" }));
      await op.batchAlterTable("node", (b) => b.alterColumn("score", { type: "integer" }));
      expect(await db.query("SELECT * FROM open_ticket ORDER BY id")).to.deep.equal([{ id: 1, name: "n1" }, { id: 2, name: "n2" }]);
      expect(await db.query("SELECT n FROM open_ticket_count")).to.deep.equal([{ n: 2 }]);
      await db.query("INSERT INTO ticket (node_id) VALUES (1)");
      expect(await db.query("SELECT id, body FROM ticket ORDER BY id DESC LIMIT 1")).to.deep.equal([{ id: 4, body: "" }]);
      for (const sql of ["DROP VIEW open_ticket_count", "DROP VIEW open_ticket", "DROP TABLE ticket"]) await db.query(sql);
      await expectFamilyIntact(db);
    });

    it("keeps WITHOUT ROWID and STRICT", async () => {
      await db.query("CREATE TABLE kv (k text PRIMARY KEY, v integer) WITHOUT ROWID, STRICT");
      await db.query("INSERT INTO kv VALUES ('a', 1)");
      const op = createOperations({ db, dialect: "sqlite" });
      await op.batchAlterTable("kv", (b) => b.alterColumn("v", { nullable: false }));
      const sql = (await db.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'kv'"))[0]!.sql;
      expect(sql).to.match(/NOT NULL[\s\S]*\) WITHOUT ROWID, STRICT$/);
      expect((await failure(() => db.query("INSERT INTO kv VALUES ('b', 'text')"))).message).to.match(/cannot store TEXT/);
      expect(await db.query("SELECT * FROM kv")).to.deep.equal([{ k: "a", v: 1 }]);
      await db.query("DROP TABLE kv");
    });

    it("refuses to rebuild inside a transaction that has foreign keys on", async () => {
      const op = createOperations({ db, dialect: "sqlite" });
      await db.query("BEGIN");
      const error = await failure(() => op.batchAlterTable("node", (b) => b.alterColumn("score", { type: "integer" })));
      await db.query("ROLLBACK");
      expect(error.message).to.include("PRAGMA foreign_keys = OFF before your transaction");
      await expectFamilyIntact(db);
    });

    it("with recreate: auto, rebuilds to drop an indexed column, and names an index left behind", async () => {
      const op = createOperations({ db, dialect: "sqlite" });
      const error = await failure(() => op.batchAlterTable("node", (b) => b.dropColumn("score")));
      expect(error.message).to.include('leaves index node_score_idx using column "score"');
      await op.batchAlterTable("node", (b) => {
        b.dropIndex("node_score_idx");
        b.dropColumn("score");
      });
      expect((await db.query<{ name: string }>("PRAGMA table_info(node)")).map((c) => c.name)).to.deep.equal(["id", "parent_id", "name"]);
      await expectFamilyIntact(db);
    });

    it("with recreate: never, refuses what needs a rebuild", async () => {
      const op = createOperations({ db, dialect: "sqlite" });
      const error = await failure(() => op.batchAlterTable("node", (b) => b.alterColumn("score", { type: "integer" }), { recreate: "never" }));
      expect(error.message).to.include("batchAlterTable");
      await expectFamilyIntact(db);
    });
  },
  { families: ["sqlite"] },
);
