import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import type { BatchOperations, MigrationOperations } from "@retort/core";
import { failure, ident, opsFixture, placeholder } from "./helpers";

/**
 * Every portable operation on every dialect, on a table named `order` (a reserved word)
 * with a column named `we"ird`. Constraint changes go through batchAlterTable on SQLite
 * (which cannot ALTER them) and as plain calls elsewhere.
 */
describeEachTarget("op API: every operation", (ctx) => {
  const f = opsFixture(ctx);
  before(() => f.open());
  after(() => f.close());

  const isSqlite = () => f.get().db.dialect === "sqlite";
  const isMysql = () => f.get().db.dialect !== "postgres" && !isSqlite();
  const q = (name: string) => ident(f.get().db, name);
  const rows = (sql: string, params: unknown[] = []) => f.get().op.getBind()<Record<string, unknown>>(sql, params);

  /** A change SQLite can only make in a batch: batch there, plain calls elsewhere. */
  async function onTable(table: string, plain: (op: MigrationOperations) => Promise<void>, batched: (b: BatchOperations) => void) {
    const { op } = f.get();
    if (isSqlite()) await op.batchAlterTable(table, batched);
    else await plain(op);
  }

  it("creates a table named order with a column named we\"ird and inserts rows in bulk", async () => {
    const { op } = f.get();
    await op.createTable("order", [
      { name: "id", type: "integer", primaryKey: true, autoIncrement: "auto-increment" },
      { name: 'we"ird', type: "varchar(20)", nullable: false, default: "'x'" },
      { name: "amount", type: "numeric(10,2)" },
      { name: "code", type: "varchar(10)" },
      { name: "flag", type: "boolean" },
    ]);
    await op.bulkInsert("order", [
      { 'we"ird': "a", amount: 1.5, code: "c1", flag: true },
      { 'we"ird': "b", amount: 2, code: "c2", flag: false },
      { 'we"ird': "c", amount: 3.25, code: "c3", flag: null },
    ]);
    const got = await rows(`SELECT id, ${q('we"ird')} AS w, amount, code FROM ${q("order")} ORDER BY id`);
    expect(got.map((r) => [Number(r.id), r.w, Number(r.amount), r.code])).to.deep.equal([
      [1, "a", 1.5, "c1"],
      [2, "b", 2, "c2"],
      [3, "c", 3.25, "c3"],
    ]);
  });

  it("executes raw SQL with parameters and reads back through getBind().query", async () => {
    const { op, db } = f.get();
    await op.execute(`INSERT INTO ${q("order")} (${q('we"ird')}, code) VALUES (${placeholder(db, 1)}, ${placeholder(db, 2)})`, ["d", "c4"]);
    const got = await op.getBind().query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${q("order")} WHERE code = ${placeholder(db, 1)}`, ["c4"]);
    expect(Number(got[0]!.n)).to.equal(1);
  });

  it("adds a column, renames a column, and uses the server default of an existing one", async () => {
    const { op } = f.get();
    await op.addColumn("order", { name: "note", type: "text" });
    await op.alterColumn("order", "code", { newName: "sku" });
    await op.execute(`INSERT INTO ${q("order")} (sku, note) VALUES ('c5', 'n5')`);
    const got = await rows(`SELECT ${q('we"ird')} AS w, sku, note FROM ${q("order")} WHERE sku = 'c5'`);
    expect(got).to.deep.equal([{ w: "x", sku: "c5", note: "n5" }]);
  });

  it("changes a column's type in place, keeping rows, NOT NULL and the default", async () => {
    await onTable(
      "order",
      (op) => op.alterColumn("order", 'we"ird', { type: "varchar(60)" }),
      (b) => b.alterColumn('we"ird', { type: "varchar(60)" }),
    );
    const long = "y".repeat(50);
    await f.get().op.execute(`INSERT INTO ${q("order")} (${q('we"ird')}, sku) VALUES ('${long}', 'c6')`);
    await f.get().op.execute(`INSERT INTO ${q("order")} (sku) VALUES ('c7')`);
    const got = await rows(`SELECT ${q('we"ird')} AS w FROM ${q("order")} ORDER BY id`);
    expect(got.map((r) => r.w)).to.deep.equal(["a", "b", "c", "d", "x", long, "x"]);
    const error = await failure(() => f.get().op.execute(`INSERT INTO ${q("order")} (${q('we"ird')}) VALUES (NULL)`));
    expect(error.message).to.match(/null/i);
  });

  it("changes a numeric type (numeric → integer-ish text and back) without losing values", async () => {
    await onTable(
      "order",
      (op) => op.alterColumn("order", "amount", { type: "numeric(12,3)" }),
      (b) => b.alterColumn("amount", { type: "numeric(12,3)" }),
    );
    const got = await rows(`SELECT amount FROM ${q("order")} WHERE amount IS NOT NULL ORDER BY id`);
    expect(got.map((r) => Number(r.amount))).to.deep.equal([1.5, 2, 3.25]);
  });

  it("sets NOT NULL and a default, then drops the default", async () => {
    const { op } = f.get();
    await op.execute(`UPDATE ${q("order")} SET sku = 'none' WHERE sku IS NULL`);
    await onTable(
      "order",
      (o) => o.alterColumn("order", "sku", { nullable: false, default: "'dflt'" }),
      (b) => b.alterColumn("sku", { nullable: false, default: "'dflt'" }),
    );
    await op.execute(`INSERT INTO ${q("order")} (note) VALUES ('n8')`);
    expect(await rows(`SELECT sku FROM ${q("order")} WHERE note = 'n8'`)).to.deep.equal([{ sku: "dflt" }]);
    await onTable(
      "order",
      (o) => o.alterColumn("order", "sku", { default: null }),
      (b) => b.alterColumn("sku", { default: null }),
    );
    const error = await failure(() => op.execute(`INSERT INTO ${q("order")} (note) VALUES ('n9')`));
    expect(error.message).to.match(/sku|default|null/i);
  });

  it("creates a unique index that refuses duplicates, and drops it", async () => {
    const { op } = f.get();
    await op.createIndex("order_sku_uq", "order", ["sku"], { unique: true });
    const error = await failure(() => op.execute(`INSERT INTO ${q("order")} (sku) VALUES ('c1')`));
    expect(error.message).to.match(/unique|duplicate/i);
    await op.dropIndex("order_sku_uq", "order");
    await op.execute(`INSERT INTO ${q("order")} (sku) VALUES ('c1')`);
    await op.execute(`DELETE FROM ${q("order")} WHERE id = (SELECT m FROM (SELECT MAX(id) AS m FROM ${q("order")}) x)`);
  });

  it("creates a partial unique index where the dialect has them, and refuses one on MySQL", async () => {
    const { op } = f.get();
    if (isMysql()) {
      const error = await failure(() => op.createIndex("order_note_partial", "order", ["note"], { where: "note IS NOT NULL" }));
      expect(error.message).to.match(/cannot create the partial index order_note_partial/);
      return;
    }
    await op.createIndex("order_note_partial", "order", ["note"], { unique: true, where: "note IS NOT NULL" });
    await op.execute(`INSERT INTO ${q("order")} (sku) VALUES ('p1')`);
    await op.execute(`INSERT INTO ${q("order")} (sku) VALUES ('p2')`);
    const error = await failure(() => op.execute(`INSERT INTO ${q("order")} (sku, note) VALUES ('p3', 'n5')`));
    expect(error.message).to.match(/unique/i);
    await op.dropIndex("order_note_partial", "order");
  });

  it("creates and drops unique, check and foreign key constraints", async () => {
    const { op } = f.get();
    await op.createTable("line", [
      { name: "id", type: "integer", primaryKey: true },
      { name: "order_id", type: "integer" },
      { name: "qty", type: "integer" },
    ]);
    if (isSqlite()) await op.execute("PRAGMA foreign_keys = ON");
    await onTable(
      "line",
      async (o) => {
        await o.createForeignKey("line_order_fk", "line", { columns: ["order_id"], referencedTable: "order", referencedColumns: ["id"], onDelete: "CASCADE" });
        await o.createCheckConstraint("line_qty_positive", "line", "qty > 0");
        await o.createUniqueConstraint("line_order_qty_uq", "line", ["order_id", "qty"]);
      },
      (b) => {
        b.createForeignKey("line_order_fk", { columns: ["order_id"], referencedTable: "order", referencedColumns: ["id"], onDelete: "CASCADE" });
        b.createCheckConstraint("line_qty_positive", "qty > 0");
        b.createUniqueConstraint("line_order_qty_uq", ["order_id", "qty"]);
      },
    );
    await op.execute("INSERT INTO line (id, order_id, qty) VALUES (1, 1, 5)");
    expect((await failure(() => op.execute("INSERT INTO line (id, order_id, qty) VALUES (2, 999, 1)"))).message).to.match(/foreign key/i);
    expect((await failure(() => op.execute("INSERT INTO line (id, order_id, qty) VALUES (3, 1, 0)"))).message).to.match(/check|constraint/i);
    expect((await failure(() => op.execute("INSERT INTO line (id, order_id, qty) VALUES (4, 1, 5)"))).message).to.match(/unique|duplicate/i);

    await onTable(
      "line",
      async (o) => {
        await o.dropConstraint("line_order_fk", "line", "foreignKey");
        await o.dropConstraint("line_qty_positive", "line", "check");
        await o.dropConstraint("line_order_qty_uq", "line", "unique");
      },
      (b) => {
        b.dropConstraint("line_order_fk", "foreignKey");
        b.dropConstraint("line_qty_positive", "check");
        b.dropConstraint("line_order_qty_uq", "unique");
      },
    );
    await op.execute("INSERT INTO line (id, order_id, qty) VALUES (5, 999, 0)");
    await op.execute("INSERT INTO line (id, order_id, qty) VALUES (6, 999, 0)");
    expect(await rows("SELECT id FROM line ORDER BY id")).to.have.length(3);
    if (isSqlite()) await op.execute("PRAGMA foreign_keys = OFF");
  });

  it("drops and creates a primary key", async () => {
    const { op } = f.get();
    await op.createTable("pk_less", [{ name: "a", type: "integer", nullable: false }, { name: "b", type: "integer" }]);
    await onTable("pk_less", (o) => o.createPrimaryKey("pk_less_pkey", "pk_less", ["a"]), (b) => b.createPrimaryKey("pk_less_pkey", ["a"]));
    await op.execute("INSERT INTO pk_less (a, b) VALUES (1, 1)");
    expect((await failure(() => op.execute("INSERT INTO pk_less (a, b) VALUES (1, 2)"))).message).to.match(/unique|duplicate|primary/i);
    await onTable("pk_less", (o) => o.dropConstraint("pk_less_pkey", "pk_less", "primaryKey"), (b) => b.dropConstraint("pk_less_pkey", "primaryKey"));
    await op.execute("INSERT INTO pk_less (a, b) VALUES (1, 2)");
    expect(await rows("SELECT b FROM pk_less ORDER BY b")).to.deep.equal([{ b: 1 }, { b: 2 }]);
  });

  it("runs a batch on every dialect: plain ALTERs on PostgreSQL and MySQL, a rebuild on SQLite", async () => {
    const { op } = f.get();
    await op.batchAlterTable("order", (b) => {
      b.addColumn({ name: "qty", type: "integer", nullable: false, default: "1" });
      b.alterColumn("amount", { type: "numeric(14,4)" });
      b.createIndex("order_qty_idx", ["qty", { column: "id", desc: true }]);
      b.createCheckConstraint("order_qty_ck", "qty > 0");
    });
    const got = await rows(`SELECT amount, qty FROM ${q("order")} WHERE amount IS NOT NULL ORDER BY id`);
    expect(got.map((r) => [Number(r.amount), Number(r.qty)])).to.deep.equal([[1.5, 1], [2, 1], [3.25, 1]]);
    expect((await failure(() => f.get().op.execute(`UPDATE ${q("order")} SET qty = 0`))).message).to.match(/check|constraint/i);
  });

  it("sets a table comment where the dialect keeps comments", async () => {
    await f.get().op.setTableComment("order", "it's an order");
    if (isSqlite()) return; // SQLite has no comments: a no-op
    const sql = f.get().db.dialect === "postgres"
      ? `SELECT obj_description('"order"'::regclass) AS c`
      : "SELECT TABLE_COMMENT AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'order'";
    expect(await rows(sql)).to.deep.equal([{ c: "it's an order" }]);
  });

  it("sets a column comment, keeping the rest of the column", async () => {
    const { op, db } = f.get();
    await op.alterColumn("order", "sku", { comment: "stock keeping unit" });
    if (isSqlite()) return; // no comments: a no-op
    const sql = db.dialect === "postgres"
      ? `SELECT col_description('"order"'::regclass, 4) AS c, (SELECT attnotnull FROM pg_attribute WHERE attrelid = '"order"'::regclass AND attname = 'sku') AS nn`
      : "SELECT COLUMN_COMMENT AS c, IS_NULLABLE = 'NO' AS nn FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'order' AND COLUMN_NAME = 'sku'";
    const [got] = await rows(sql);
    expect([got!.c, Boolean(got!.nn)]).to.deep.equal(["stock keeping unit", true]);
  });

  it("creates, alters and drops an enum type (PostgreSQL) or does nothing (elsewhere)", async () => {
    const { op, db } = f.get();
    await op.createEnum("size", ["s", "m"]);
    await op.alterEnum("size", ["s", "m", "l"], { existingValues: ["s", "m"] });
    const exists = async () => (await rows("SELECT to_regtype('size') AS t"))[0]!.t;
    if (db.dialect === "postgres") expect(await exists()).to.equal("size");
    await op.dropEnum("size");
    if (db.dialect === "postgres") expect(await exists()).to.equal(null);
    const kinds = op.performed.slice(-3).map((p) => p.kind);
    expect(kinds).to.deep.equal(["createEnum", "alterEnum", "dropEnum"]);
  });

  it("drops a column, renames a table and drops tables", async () => {
    const { op } = f.get();
    await op.dropColumn("order", "note");
    await op.renameTable("line", "order line");
    await op.execute(`INSERT INTO ${q("order line")} (id, order_id, qty) VALUES (7, 1, 1)`);
    await op.dropTable("order line");
    await op.dropTable("pk_less");
    const cols = await rows(`SELECT * FROM ${q("order")} WHERE id = 1`);
    expect(Object.keys(cols[0]!)).to.not.include("note");
    await op.dropTable("order");
    expect((await failure(() => rows(`SELECT * FROM ${q("order")}`))).message).to.match(/exist|no such/i);
  });
});
