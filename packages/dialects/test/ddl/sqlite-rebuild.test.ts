import { column, columnType, index, type Queryable, type TableOperation } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, hoistRenames, introspect, planSqliteRebuild } from "../../src";

const at = { schema: null, table: "item" } as const;

describeEachTarget(
  "SQLite rebuild plan",
  (ctx) => {
    let db: Queryable;
    before(async () => {
      db = await connect(ctx.db.url);
    });
    after(() => db.close());

    it("leaves the table exactly as the planned model, rows converted", async () => {
      await db.query(`CREATE TABLE item (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code varchar(10) NOT NULL,
        qty text,
        parent_id integer REFERENCES item (id) ON DELETE CASCADE,
        CONSTRAINT item_code_uq UNIQUE (code)
      )`);
      await db.query("CREATE INDEX item_qty_idx ON item (qty)");
      await db.query("INSERT INTO item (code, qty, parent_id) VALUES ('a', '5', NULL), ('b', '7', 1)");
      const ops: TableOperation[] = [
        { kind: "alterColumn", ...at, column: "qty", changes: { type: { from: columnType("text"), to: columnType("integer") }, nullable: { from: true, to: false } }, existing: column("qty", "text") },
        { kind: "addColumn", ...at, column: column("note", columnType("varchar", { length: 20 }), { default: "'-'" }) },
        { kind: "createCheckConstraint", ...at, check: { name: "item_qty_ck", expression: "qty >= 0" } },
        { kind: "dropIndex", ...at, index: index("item_qty_idx", []), concurrently: false },
        { kind: "createIndex", ...at, index: index("item_note_idx", ["note"], { where: "note IS NOT NULL" }), concurrently: false },
      ];
      const { renames, rest } = hoistRenames(ops);
      expect(renames).to.deep.equal([]);
      const before = (await introspect(db)).tables.find((t) => t.name === "item")!;
      const tableSql = (await db.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'item'"))[0]!.sql;
      const plan = planSqliteRebuild(before, rest, { tableSql, triggers: [], views: [] });
      // As the runtime does: with foreign keys on, DROP TABLE would cascade into the copy.
      await db.query("PRAGMA foreign_keys = OFF");
      for (const sql of plan.statements) await db.query(sql);
      await db.query("PRAGMA foreign_keys = ON");
      expect(await db.query("PRAGMA foreign_key_check")).to.deep.equal([]);
      const live = (await introspect(db)).tables.find((t) => t.name === "item")!;
      expect(live).to.deep.equal(plan.after);
      expect(await db.query("SELECT id, code, qty, typeof(qty) AS t, note, parent_id FROM item ORDER BY id")).to.deep.equal([
        { id: 1, code: "a", qty: 5, t: "integer", note: "-", parent_id: null },
        { id: 2, code: "b", qty: 7, t: "integer", note: "-", parent_id: 1 },
      ]);
    });
  },
  { families: ["sqlite"] },
);
