import { index } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { reflect, runSql, tableOf } from "./helpers";

describeEachTarget(
  "MySQL-family keys and indexes",
  (ctx) => {
    before(async () => {
      await runSql(ctx.db.url, [
        "CREATE TABLE parent (id int PRIMARY KEY, code varchar(10) NOT NULL, region int NOT NULL)",
        `CREATE TABLE uniques_t (
           a int, b int, c int, d int, e varchar(50),
           UNIQUE KEY uq_key (a),
           CONSTRAINT uq_constraint UNIQUE (b, c),
           UNIQUE INDEX uq_desc (d DESC),
           KEY idx_prefix (e(10))
         )`,
        "CREATE UNIQUE INDEX uq_created_index ON uniques_t (c, d)",
        `CREATE TABLE child (
           id int PRIMARY KEY,
           parent_id int,
           other_id int,
           unnamed_id int,
           pair_code varchar(10), pair_region int,
           CONSTRAINT fk_named FOREIGN KEY (parent_id) REFERENCES parent (id),
           CONSTRAINT fk_indexed FOREIGN KEY (other_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE CASCADE,
           FOREIGN KEY (unnamed_id) REFERENCES parent (id) ON DELETE RESTRICT,
           KEY idx_user_other (other_id)
         )`,
        "CREATE UNIQUE INDEX uq_parent_code_region ON parent (code, region)",
        `ALTER TABLE child ADD CONSTRAINT fk_pair FOREIGN KEY (pair_code, pair_region)
           REFERENCES parent (code, region) ON DELETE NO ACTION ON UPDATE SET NULL`,
      ]);
    });

    it("reports unique keys, constraints and CREATE UNIQUE INDEX alike as uniques; others as unique indexes", async () => {
      const t = tableOf(await reflect(ctx.db.url), "uniques_t");
      expect(t.uniques).to.deep.equal([
        { name: "uq_constraint", columns: ["b", "c"], deferrable: null },
        { name: "uq_created_index", columns: ["c", "d"], deferrable: null },
        { name: "uq_key", columns: ["a"], deferrable: null },
      ]);
      expect(t.indexes).to.deep.equal([
        // Prefix lengths are not modelled: (e(10)) reads as (e).
        index("idx_prefix", ["e"]),
        index("uq_desc", [{ column: "d", expression: null, descending: true }], { unique: true }),
      ]);
      expect(t.primaryKey).to.equal(null);
    });

    it("leaves out the indexes InnoDB made for foreign keys, keeps the user's", async () => {
      const t = tableOf(await reflect(ctx.db.url), "child");
      expect(t.indexes).to.deep.equal([index("idx_user_other", ["other_id"])]);
      expect(
        t.foreignKeys.map((fk) => [fk.name, fk.columns, fk.referencedColumns, fk.onDelete, fk.onUpdate]),
      ).to.deep.equal([
        ["child_ibfk_1", ["unnamed_id"], ["id"], "RESTRICT", "RESTRICT"],
        ["fk_indexed", ["other_id"], ["id"], "SET NULL", "CASCADE"],
        // MariaDB reports an action that was not written as RESTRICT.
        ["fk_named", ["parent_id"], ["id"], "RESTRICT", "RESTRICT"],
        ["fk_pair", ["pair_code", "pair_region"], ["code", "region"], "NO ACTION", "SET NULL"],
      ]);
      expect(t.foreignKeys.every((fk) => fk.referencedTable === "parent" && fk.referencedSchema === null)).to.equal(
        true,
      );
    });

    it("keeps an index named like an FK when its columns differ", async () => {
      await runSql(ctx.db.url, [
        "CREATE TABLE child2 (id int PRIMARY KEY, p int, q int, KEY fk_c2 (p, q), CONSTRAINT fk_c2 FOREIGN KEY (p) REFERENCES parent (id))",
      ]);
      const t = tableOf(await reflect(ctx.db.url), "child2");
      expect(t.indexes).to.deep.equal([index("fk_c2", ["p", "q"])]);
      expect(t.foreignKeys.map((fk) => fk.name)).to.deep.equal(["fk_c2"]);
    });
  },
  { targets: ["mariadb"] },
);
