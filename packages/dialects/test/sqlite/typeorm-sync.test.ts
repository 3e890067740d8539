import "reflect-metadata";
import { column, columnType, index, table, type TableModel } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, introspect } from "../../src";

type TypeOrm = typeof import("typeorm");

/** Entities covering what TypeORM writes for SQLite: defaults, uniques, checks, partial index, FK. */
function entities(typeorm: TypeOrm) {
  const author = new typeorm.EntitySchema({
    name: "Author",
    tableName: "author",
    columns: {
      id: { type: Number, primary: true, generated: "increment" },
      name: { type: "varchar", length: 100 },
      email: { type: "varchar", unique: true, nullable: true },
      active: { type: Boolean, default: true },
      created: { type: "datetime", default: () => "datetime('now')" },
      score: { type: "decimal", precision: 10, scale: 2, default: 0.5 },
      note: { type: "text", default: "hello" },
      status: { type: "simple-enum", enum: ["draft", "live"], default: "draft" },
    },
    checks: [{ name: "CHK_name", expression: `length("name") > 0` }],
    indices: [{ name: "IDX_name_active", columns: ["name", "active"], where: `"active" = 1` }],
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

describeEachTarget(
  "introspectSqlite of a TypeORM-synchronised schema",
  (ctx) => {
    let tables: readonly TableModel[];

    before(async () => {
      // better-sqlite3 is TypeORM 1.x's SQLite driver; sqlite3 is TypeORM 0.3's `sqlite` type.
      const legacy = ctx.target.sqliteDriver === "sqlite3";
      const typeorm = (await import(legacy ? "typeorm-0.3" : "typeorm")) as TypeOrm;
      const dataSource = new typeorm.DataSource({
        type: legacy ? "sqlite" : "better-sqlite3",
        database: ctx.db.name,
        entities: entities(typeorm),
        synchronize: true,
      } as import("typeorm").DataSourceOptions);
      await dataSource.initialize();
      await dataSource.destroy();
      const db = await connect(ctx.db.url);
      tables = (await introspect(db)).tables;
      await db.close();
    });

    it("reads every object back with TypeORM's names and normalised expressions", () => {
      expect(tables.map((t) => t.name)).to.deep.equal(["author", "post"]);
      const [author, post] = tables;
      expect(author.uniques.map((u) => u.name))
        .to.have.length(2)
        .and.include("UQ_name_score");
      expect(author).to.deep.equal(
        table("author", {
          columns: [
            column("id", "integer", { nullable: false, autoIncrement: "sqlite-autoincrement" }),
            column("name", columnType("varchar", { length: 100 }), { nullable: false }),
            column("email", "varchar"),
            column("active", "boolean", { nullable: false, default: "1" }),
            column("created", "datetime", { nullable: false, default: "datetime('now')" }),
            column("score", columnType("numeric", { precision: 10, scale: 2 }), { nullable: false, default: "0.5" }),
            column("note", "text", { nullable: false, default: "'hello'" }),
            column("status", "varchar", { nullable: false, default: "'draft'" }),
          ],
          primaryKey: { name: null, columns: ["id"] },
          indexes: [index("IDX_name_active", ["name", "active"], { where: "active = 1" })],
          uniques: author.uniques.map((u) =>
            u.name === "UQ_name_score"
              ? { name: u.name, columns: ["name", "score"], deferrable: null }
              : { name: u.name, columns: ["email"], deferrable: null },
          ),
          checks: [
            { name: "CHK_name", expression: "length(name) > 0" },
            { name: null, expression: "status IN ('draft', 'live')" },
          ],
        }),
      );
      expect(post.foreignKeys).to.deep.equal([
        {
          name: "FK_post_author",
          columns: ["authorId"],
          referencedSchema: null,
          referencedTable: "author",
          referencedColumns: ["id"],
          onDelete: "CASCADE",
          onUpdate: "NO ACTION",
          deferrable: null,
        },
      ]);
      expect(post.columns.map((c) => [c.name, c.type.name, c.nullable, c.autoIncrement])).to.deep.equal([
        ["id", "varchar", false, null],
        ["authorId", "integer", true, null],
      ]);
    });
  },
  { families: ["sqlite"] },
);
