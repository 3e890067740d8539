import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { failure, opsFixture } from "./helpers";

interface ColumnFacts {
  COLUMN_TYPE: string;
  IS_NULLABLE: string;
  COLUMN_DEFAULT: string | null;
  COLUMN_COMMENT: string;
  EXTRA: string;
}

describeEachTarget(
  "op API on MySQL/MariaDB: inline enums, MODIFY restating the column, portable types",
  (ctx) => {
    const f = opsFixture(ctx);
    before(() => f.open());
    after(() => f.close());
    const facts = async (table: string, column: string) =>
      (
        await f.get().db.query<ColumnFacts>(
          "SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLUMN_COMMENT, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?",
          [table, column],
        )
      )[0]!;

    it("maps portable types: boolean, jsonb, timestamptz, uuid, text[] refused", async () => {
      const { op } = f.get();
      await op.createTable("thing", [
        { name: "id", type: "integer", primaryKey: true, autoIncrement: "auto-increment" },
        { name: "ok", type: "boolean", nullable: false, default: "1" },
        { name: "doc", type: "jsonb" },
        { name: "at", type: "timestamptz(3)" },
        { name: "ref", type: "uuid" },
        { name: "status", type: "enum", enumValues: ["new", "done"], nullable: false, default: "'new'", comment: "it's the status" },
        { name: "label", type: "varchar(20)", nullable: false, default: "'it''s'", comment: "label" },
      ]);
      expect((await facts("thing", "ok")).COLUMN_TYPE).to.equal("tinyint(1)");
      expect((await facts("thing", "doc")).COLUMN_TYPE).to.match(/^(json|longtext)$/);
      expect((await facts("thing", "at")).COLUMN_TYPE).to.equal("timestamp(3)");
      // MariaDB 10.7+ has a native uuid type; older servers and MySQL get char(36).
      expect((await facts("thing", "ref")).COLUMN_TYPE).to.equal(f.get().db.dialect === "mariadb" ? "uuid" : "char(36)");
      expect((await facts("thing", "status")).COLUMN_TYPE).to.equal("enum('new','done')");
      const error = await failure(() => op.addColumn("thing", { name: "tags", type: "text[]" }));
      expect(error.message).to.match(/array type text\[\].*json/);
    });

    it("changes an inline enum's values in place, keeping rows, default and comment", async () => {
      const { op, db } = f.get();
      await op.bulkInsert("thing", [{ status: "done", label: "x" }, { label: "y" }]);
      await op.alterColumn("thing", "status", { type: "enum", enumValues: ["new", "doing", "done"] });
      const after = await facts("thing", "status");
      expect(after.COLUMN_TYPE).to.equal("enum('new','doing','done')");
      expect(after.IS_NULLABLE).to.equal("NO");
      expect(after.COLUMN_DEFAULT).to.match(/^'?new'?$/);
      expect(after.COLUMN_COMMENT).to.equal("it's the status");
      expect(await db.query("SELECT status FROM thing ORDER BY id")).to.deep.equal([{ status: "done" }, { status: "new" }]);
    });

    it("widens a varchar with MODIFY, read from the live column when the migration gives no existing facts", async () => {
      const { op, db } = f.get();
      await op.alterColumn("thing", "label", { type: "varchar(200)" });
      const after = await facts("thing", "label");
      expect(after).to.deep.include({ COLUMN_TYPE: "varchar(200)", IS_NULLABLE: "NO", COLUMN_COMMENT: "label" });
      await op.execute("INSERT INTO thing (status) VALUES ('new')");
      expect(await db.query("SELECT label FROM thing ORDER BY id DESC LIMIT 1")).to.deep.equal([{ label: "it's" }]);
    });

    it("renames with CHANGE, keeping AUTO_INCREMENT, and drops NOT NULL with the existing facts given", async () => {
      const { op, db } = f.get();
      await op.alterColumn("thing", "id", { newName: "thing_id", type: "bigint" });
      expect(await facts("thing", "thing_id")).to.deep.include({ COLUMN_TYPE: "bigint(20)", EXTRA: "auto_increment" });
      await op.alterColumn("thing", "ok", { nullable: true, existingType: "boolean", existingDefault: "1", existingNullable: false });
      expect(await facts("thing", "ok")).to.deep.include({ COLUMN_TYPE: "tinyint(1)", IS_NULLABLE: "YES", COLUMN_DEFAULT: "1" });
      await op.execute("INSERT INTO thing (status, ok) VALUES ('new', NULL)");
      expect(Number((await db.query<{ n: unknown }>("SELECT COUNT(*) AS n FROM thing"))[0]!.n)).to.equal(4);
    });

    it("drops unique, foreign key and check constraints with the statement each needs", async () => {
      const { op, db } = f.get();
      await op.createTable("part", [
        { name: "id", type: "integer", primaryKey: true },
        { name: "thing_id", type: "bigint" },
        { name: "n", type: "integer" },
      ], {
        uniques: [{ name: "part_n_uq", columns: ["n"] }],
        foreignKeys: [{ name: "part_thing_fk", columns: ["thing_id"], referencedTable: "thing", referencedColumns: ["thing_id"] }],
        checks: [{ name: "part_n_ck", expression: "n > 0" }],
      });
      expect((await failure(() => op.execute("INSERT INTO part VALUES (1, 999, 1)"))).message).to.match(/foreign key/i);
      // The model's NO ACTION is written out: MariaDB reports an omitted action as RESTRICT.
      const rules = await db.query(
        "SELECT UPDATE_RULE AS u, DELETE_RULE AS d FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'part_thing_fk'",
      );
      expect(rules).to.deep.equal([{ u: "NO ACTION", d: "NO ACTION" }]);
      await op.dropConstraint("part_thing_fk", "part", "foreignKey");
      await op.dropConstraint("part_n_ck", "part", "check");
      await op.dropConstraint("part_n_uq", "part", "unique");
      await op.execute("INSERT INTO part VALUES (1, 999, 0), (2, 999, 0)");
      expect(Number((await db.query<{ n: unknown }>("SELECT COUNT(*) AS n FROM part"))[0]!.n)).to.equal(2);
    });

    it("sets and removes ON UPDATE with alterColumn, reading the rest of the column live", async () => {
      const { op } = f.get();
      await op.createTable("stamp", [
        { name: "id", type: "integer", primaryKey: true },
        { name: "at", type: "timestamp(6)", nullable: false, default: "CURRENT_TIMESTAMP(6)", onUpdate: "CURRENT_TIMESTAMP(6)", comment: "touched" },
      ]);
      expect((await facts("stamp", "at")).EXTRA).to.match(/on update current_timestamp\(6\)/i);
      await op.alterColumn("stamp", "at", { onUpdate: null });
      const removed = await facts("stamp", "at");
      expect(removed.EXTRA).to.not.match(/on update/i);
      expect(removed.COLUMN_COMMENT).to.equal("touched");
      expect(removed.COLUMN_DEFAULT).to.match(/^current_timestamp\(6\)$/i);
      await op.alterColumn("stamp", "at", { onUpdate: "CURRENT_TIMESTAMP(6)" });
      expect((await facts("stamp", "at")).EXTRA).to.match(/on update current_timestamp\(6\)/i);
    });
  },
  { families: ["mysql"] },
);
