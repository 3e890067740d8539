import "reflect-metadata";
import type { TableModel } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { reflect } from "./helpers";

type TypeOrm = typeof import("typeorm");

/** Entities covering what TypeORM writes for MariaDB: defaults, dates, enum, json, uniques, FK. */
function entities(typeorm: TypeOrm) {
  const author = new typeorm.EntitySchema({
    name: "Author",
    tableName: "author",
    columns: {
      id: { type: Number, primary: true, generated: "increment" },
      name: { type: "varchar", length: 100 },
      email: { type: "varchar", unique: true, nullable: true },
      active: { type: Boolean, default: true },
      score: { type: "decimal", precision: 10, scale: 2, default: 0.5 },
      note: { type: "varchar", length: 20, default: "hello" },
      status: { type: "enum", enum: ["draft", "live"], default: "draft" },
      meta: { type: "json", nullable: true },
      created: { type: "datetime", precision: 6, createDate: true },
      updated: { type: "timestamp", updateDate: true },
    },
    indices: [{ name: "IDX_name_active", columns: ["name", "active"] }],
    uniques: [{ name: "UQ_name_score", columns: ["name", "score"] }],
  });
  const post = new typeorm.EntitySchema<{ id: string; authorId: number | null; author: unknown }>({
    name: "Post",
    tableName: "post",
    columns: { id: { type: "uuid", primary: true, generated: "uuid" }, authorId: { type: Number, nullable: true } },
    relations: {
      author: {
        type: "many-to-one",
        target: "Author",
        joinColumn: { name: "authorId", foreignKeyConstraintName: "FK_post_author" },
        onDelete: "CASCADE",
      },
    },
  });
  return [author, post];
}

for (const version of ["typeorm", "typeorm-0.3"] as const) {
  describeEachTarget(
    `introspectMysql of a schema ${version} synchronised`,
    (ctx) => {
      let tables: readonly TableModel[];

      before(async () => {
        const typeorm = (await import(version)) as TypeOrm;
        const url = new URL(ctx.db.url);
        const dataSource = new typeorm.DataSource({
          type: "mariadb",
          host: url.hostname,
          port: Number(url.port || 3306),
          username: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
          database: ctx.db.name,
          entities: entities(typeorm),
          synchronize: true,
        } as import("typeorm").DataSourceOptions);
        await dataSource.initialize();
        await dataSource.destroy();
        tables = (await reflect(ctx.db.url)).tables;
      });

      it("reads TypeORM's columns back with canonical types and defaults", () => {
        const author = tables.find((t) => t.name === "author")!;
        const summary = author.columns.map((c) => [c.name, c.type.name, c.nullable, c.default, c.autoIncrement]);
        expect(summary).to.deep.equal([
          ["id", "int", false, null, "auto-increment"],
          ["name", "varchar", false, null, null],
          ["email", "varchar", true, null, null],
          // TypeORM writes a boolean as plain `tinyint` (tinyint(4)), not tinyint(1).
          ["active", "tinyint", false, "1", null],
          ["score", "decimal", false, "0.5", null],
          ["note", "varchar", false, "'hello'", null],
          ["status", "enum", false, "'draft'", null],
          ["meta", "json", true, null, null],
          ["created", "datetime", false, "CURRENT_TIMESTAMP(6)", null],
          // TypeORM gives update dates precision 6; ON UPDATE is not part of the default.
          ["updated", "timestamp", false, "CURRENT_TIMESTAMP(6)", null],
        ]);
        expect(author.columns.find((c) => c.name === "status")!.type.enumValues).to.deep.equal(["draft", "live"]);
      });

      it("reads TypeORM's unique indexes as uniques and its FK without the implicit index", () => {
        const author = tables.find((t) => t.name === "author")!;
        const post = tables.find((t) => t.name === "post")!;
        expect(author.uniques.map((u) => u.columns)).to.deep.include.members([["email"], ["name", "score"]]);
        expect(author.uniques.find((u) => u.name === "UQ_name_score")?.columns).to.deep.equal(["name", "score"]);
        expect(author.indexes.map((i) => [i.name, i.parts.map((p) => p.column)])).to.deep.equal([
          ["IDX_name_active", ["name", "active"]],
        ]);
        expect(post.indexes).to.deep.equal([]);
        expect(
          post.foreignKeys.map((fk) => [fk.name, fk.columns, fk.referencedTable, fk.onDelete, fk.onUpdate]),
        ).to.deep.equal([["FK_post_author", ["authorId"], "author", "CASCADE", "NO ACTION"]]);
        expect(post.columns[0]).to.deep.include({ name: "id", nullable: false });
      });
    },
    { targets: ["mariadb"] },
  );
}
