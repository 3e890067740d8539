import type { Queryable } from "@retort/core";
import { connect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { ForeignKeyCheckError, MigrationFailedError, MigrationRunner, loadScriptDirectory } from "../../src";
import { versionRows } from "../support/database-state";
import { writeScriptDir, type MigrationSpec } from "../support/migration-files";

const SCHEMA: MigrationSpec = {
  revision: "fk0000000001",
  downRevision: null,
  up: [
    "CREATE TABLE t_parent (id INTEGER PRIMARY KEY, name TEXT)",
    "CREATE TABLE t_child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES t_parent(id) ON DELETE CASCADE)",
    "INSERT INTO t_parent (id, name) VALUES (1, 'a'), (2, 'b')",
    "INSERT INTO t_child (id, parent_id) VALUES (10, 1), (20, 2)",
  ],
  down: ["DROP TABLE t_child", "DROP TABLE t_parent"],
};

/** A hand-made move-and-copy of the parent, as batch mode does it. */
const REBUILD: MigrationSpec = {
  revision: "fk0000000002",
  downRevision: "fk0000000001",
  up: [
    "CREATE TABLE t_parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '')",
    "INSERT INTO t_parent_new (id, name) SELECT id, name FROM t_parent",
    "DROP TABLE t_parent",
    "ALTER TABLE t_parent_new RENAME TO t_parent",
  ],
  down: [],
};

const DANGLING: MigrationSpec = {
  revision: "fk0000000003",
  downRevision: "fk0000000002",
  up: ["INSERT INTO t_child (id, parent_id) VALUES (30, 99)"],
  down: [],
};

describeEachTarget(
  "runner on SQLite: foreign keys off around each revision",
  (ctx) => {
    let db: Queryable;
    before(async () => {
      db = await connect(ctx.db.url);
      await db.query("PRAGMA foreign_keys = ON");
    });
    after(async () => {
      await db?.close();
    });

    it("a rebuilt parent keeps the rows of its cascading child, and foreign keys are back on", async () => {
      const dir = writeScriptDir([SCHEMA, REBUILD]);
      await new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) }).upgrade("head");
      const children = await db.query<{ id: number }>("SELECT id FROM t_child ORDER BY id");
      expect(children.map((r) => Number(r.id))).to.deep.equal([10, 20]);
      const fk = await db.query<{ foreign_keys: number }>("PRAGMA foreign_keys");
      expect(Number(fk[0]!.foreign_keys)).to.equal(1);
    });

    it("a revision that leaves a dangling foreign key is rolled back", async () => {
      const dir = writeScriptDir([SCHEMA, REBUILD, DANGLING]);
      const err = await new MigrationRunner({ db, scripts: await loadScriptDirectory(dir) }).upgrade("head").catch((e: unknown) => e);
      expect(err).to.be.instanceOf(MigrationFailedError);
      expect((err as MigrationFailedError).cause).to.be.instanceOf(ForeignKeyCheckError);
      expect((err as Error).message).to.contain("fk0000000003").and.contain("t_child -> t_parent");
      expect(await versionRows(db)).to.deep.equal(["fk0000000002"]);
      const children = await db.query<{ id: number }>("SELECT id FROM t_child ORDER BY id");
      expect(children.map((r) => Number(r.id))).to.deep.equal([10, 20]);
    });
  },
  { families: ["sqlite"] },
);
