import { column, columnType, index, table } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { reflect, runSql, tableOf } from "./helpers";

describeEachTarget(
  "MySQL-family introspection",
  (ctx) => {
    before(async () => {
      await runSql(ctx.db.url, [
        `CREATE TABLE author (
           id int NOT NULL AUTO_INCREMENT,
           email varchar(200) NOT NULL,
           PRIMARY KEY (id),
           UNIQUE KEY UQ_author_email (email)
         ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='people who write'`,
        `CREATE TABLE post (
           id bigint unsigned NOT NULL AUTO_INCREMENT,
           author_id int NOT NULL,
           title varchar(120) NOT NULL DEFAULT 'untitled' COMMENT 'shown in lists',
           slug varchar(120) COLLATE utf8mb4_bin NOT NULL,
           body text,
           price decimal(10,2) NOT NULL DEFAULT 0.00,
           published tinyint(1) NOT NULL DEFAULT 0,
           state enum('draft','live') NOT NULL DEFAULT 'draft',
           tags set('a','b') DEFAULT NULL,
           meta json,
           created datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
           updated timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
           title_length int GENERATED ALWAYS AS (char_length(title)) VIRTUAL,
           price_cents int AS (price * 100) STORED,
           PRIMARY KEY (id),
           UNIQUE KEY UQ_post_slug (slug),
           KEY IDX_post_title_created (title, created DESC),
           FULLTEXT KEY FT_post_body (body),
           CONSTRAINT FK_post_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE CASCADE ON UPDATE NO ACTION,
           CONSTRAINT CHK_post_price CHECK (price >= 0 AND (published IN (0, 1)))
         ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`,
      ]);
    });

    it("reports the current database and the engine's dialect", async () => {
      const model = await reflect(ctx.db.url);
      expect(model.dialect).to.equal("mariadb");
      expect(model.defaultSchema).to.equal(ctx.db.name);
      expect(model.schemas).to.deep.equal([]);
      expect(model.enums).to.deep.equal([]);
    });

    it("reflects every object of a table exactly", async () => {
      const model = await reflect(ctx.db.url);
      expect(tableOf(model, "author")).to.deep.equal({
        ...table("author", {
          comment: "people who write",
          columns: [
            column("id", "int", { nullable: false, autoIncrement: "auto-increment" }),
            column("email", columnType("varchar", { length: 200 }), { nullable: false }),
          ],
          primaryKey: { name: null, columns: ["id"] },
          uniques: [{ name: "UQ_author_email", columns: ["email"], deferrable: null }],
        }),
        // A column's collation is kept relative to this one (docs/synchronize-features.md).
        defaultCollation: "utf8mb4_general_ci",
      });
      expect(tableOf(model, "post")).to.deep.equal({
        ...table("post", {
          columns: [
            column("id", columnType("bigint", { unsigned: true }), {
              nullable: false,
              autoIncrement: "auto-increment",
            }),
            column("author_id", "int", { nullable: false }),
            column("title", columnType("varchar", { length: 120 }), {
              nullable: false,
              default: "'untitled'",
              comment: "shown in lists",
            }),
            column("slug", columnType("varchar", { length: 120 }), { nullable: false, collation: "utf8mb4_bin" }),
            column("body", "text"),
            column("price", columnType("decimal", { precision: 10, scale: 2 }), { nullable: false, default: "0" }),
            column("published", "boolean", { nullable: false, default: "0" }),
            column("state", columnType("enum", { enumValues: ["draft", "live"] }), {
              nullable: false,
              default: "'draft'",
            }),
            column("tags", columnType("set", { enumValues: ["a", "b"] })),
            column("meta", "json"),
            column("created", columnType("datetime", { precision: 6 }), {
              nullable: false,
              default: "CURRENT_TIMESTAMP(6)",
            }),
            // ON UPDATE CURRENT_TIMESTAMP is not part of the default: it is the column's onUpdate.
            column("updated", "timestamp", { nullable: false, default: "CURRENT_TIMESTAMP", onUpdate: "CURRENT_TIMESTAMP" }),
            column("title_length", "int", { generated: { expression: "char_length(title)", stored: false } }),
            column("price_cents", "int", { generated: { expression: "price * 100", stored: true } }),
          ],
          primaryKey: { name: null, columns: ["id"] },
          indexes: [
            index("FT_post_body", ["body"], { method: "fulltext" }),
            index("IDX_post_title_created", ["title", { column: "created", expression: null, descending: true }]),
          ],
          uniques: [{ name: "UQ_post_slug", columns: ["slug"], deferrable: null }],
          foreignKeys: [
            {
              name: "FK_post_author",
              columns: ["author_id"],
              referencedSchema: null,
              referencedTable: "author",
              referencedColumns: ["id"],
              onDelete: "CASCADE",
              onUpdate: "NO ACTION",
              deferrable: null,
            },
          ],
          // meta's automatic json_valid check is part of the json type, not a check.
          checks: [{ name: "CHK_post_price", expression: "price >= 0 and published in (0,1)" }],
        }),
        defaultCollation: "utf8mb4_general_ci",
      });
    });

    it("reports MariaDB column-level checks by their column's name, and json_valid on a non-json column", async () => {
      await runSql(ctx.db.url, [
        `CREATE TABLE checked (
           qty int CHECK (qty > 0),
           doc longtext CHECK (json_valid(doc)),
           raw varchar(100),
           CONSTRAINT raw CHECK (json_valid(raw))
         )`,
      ]);
      const t = tableOf(await reflect(ctx.db.url), "checked");
      // `doc longtext CHECK (json_valid(doc))` is exactly what MariaDB makes of `doc json`.
      expect(t.columns.map((c) => [c.name, c.type.name])).to.deep.equal([
        ["qty", "int"],
        ["doc", "json"],
        ["raw", "varchar"],
      ]);
      expect(t.checks).to.deep.equal([
        { name: "qty", expression: "qty > 0" },
        { name: "raw", expression: "json_valid(raw)" },
      ]);
    });

    it("reports a long unique key (MariaDB's automatic HASH) as a unique", async () => {
      await runSql(ctx.db.url, ["CREATE TABLE long_unique (body text, UNIQUE KEY uq_body (body))"]);
      const t = tableOf(await reflect(ctx.db.url), "long_unique");
      expect(t.uniques).to.deep.equal([{ name: "uq_body", columns: ["body"], deferrable: null }]);
      expect(t.indexes).to.deep.equal([]);
    });

    it("survives a JSON round trip", async () => {
      const model = await reflect(ctx.db.url);
      expect(JSON.parse(JSON.stringify(model))).to.deep.equal(model);
    });
  },
  { targets: ["mariadb"] },
);
