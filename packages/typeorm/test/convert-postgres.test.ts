import "reflect-metadata";
import type { SchemaModel } from "@retort/core";
import { expect } from "chai";
import { unmanagedObjects, type TypeormDataSource } from "../src";
import { columnOf, convertCorpusWithSource, tableOf } from "./support/converted-corpus";
import type { TypeormVersion } from "./support/fixture-project";

for (const version of ["1.x", "0.3"] as TypeormVersion[]) {
  describe(`conversion for PostgreSQL (TypeORM ${version}), SQL as TypeORM writes it`, () => {
    let model: SchemaModel;
    let dataSource: TypeormDataSource;
    before(async () => ({ model, dataSource } = await convertCorpusWithSource(version, "postgres")));

    it("leaves out synchronize: false entities and single-table children, and views are no tables", () => {
      const names = model.tables.map((t) => (t.schema ? `${t.schema}.${t.name}` : t.name));
      expect(names).to.deep.equal([
        "author", "big_id", "book", "book_tags", "category", "category_closure", "content", "cover", "invoice", "pg_feature",
        "publisher", "receipt", "tag",
        "archive.archived_post",
      ]);
      expect(model.schemas).to.deep.equal(["archive"]);
      expect(model.defaultSchema).to.equal("public");
      expect(model.views.map((v) => v.name)).to.deep.equal(["one_view"]);
    });

    it("lists what TypeORM leaves alone: synchronize: false entities and indexes (its views it manages)", async () => {
      expect(await unmanagedObjects(dataSource)).to.deep.equal({
        tables: [{ schema: null, name: "legacy" }],
        views: [],
        indexes: [{ schema: null, table: "author", name: "IDX_author_by_hand" }],
      });
      expect(tableOf(model, "author").indexes.map((i) => i.name)).to.not.include("IDX_author_by_hand");
    });

    it("writes increment keys as SERIAL/BIGSERIAL and identity keys with their kind", () => {
      expect(columnOf(tableOf(model, "author"), "id")).to.include({ autoIncrement: "serial", default: null, nullable: false });
      expect(columnOf(tableOf(model, "author"), "id").type.name).to.equal("integer");
      expect(columnOf(tableOf(model, "big_id"), "id").type.name).to.equal("bigint");
      expect(columnOf(tableOf(model, "big_id"), "id").autoIncrement).to.equal("serial");
      expect(columnOf(tableOf(model, "pg_feature"), "id").autoIncrement).to.equal("identity-by-default");
      expect(columnOf(tableOf(model, "archived_post", "archive"), "id").autoIncrement).to.equal("identity-always");
    });

    it("gives generated uuids the driver's uuid function as default", () => {
      expect(columnOf(tableOf(model, "book"), "id")).to.deep.include({ default: "uuid_generate_v4()", autoIncrement: null });
      expect(columnOf(tableOf(model, "book"), "id").type.name).to.equal("uuid");
    });

    it("creates closure tables and gives a generated uuid column its default", () => {
      const closure = tableOf(model, "category_closure");
      expect(closure.primaryKey!.columns).to.deep.equal(["id_ancestor", "id_descendant"]);
      expect(closure.foreignKeys.map((f) => [f.columns[0], f.referencedTable, f.onDelete])).to.have.deep.members([
        ["id_ancestor", "category", "CASCADE"],
        ["id_descendant", "category", "CASCADE"],
      ]);
      expect(columnOf(tableOf(model, "category"), "publicId")).to.deep.include({ default: "uuid_generate_v4()", autoIncrement: null });
    });

    it("writes types, defaults and comments through the driver's own normalisation", () => {
      const author = tableOf(model, "author");
      expect(author.comment).to.equal("People who write");
      expect(columnOf(author, "name").type.name).to.equal("character varying(100)");
      expect(columnOf(author, "active").default).to.equal("true");
      expect(columnOf(author, "rating").default).to.equal("'0'");
      expect(columnOf(author, "balance").type.name).to.equal("numeric(10,2)");
      expect(columnOf(author, "bio")).to.include({ nullable: true, comment: "Short bio, it's optional" });
      expect(columnOf(author, "createdAt")).to.deep.include({ default: "now()" });
      expect(columnOf(author, "createdAt").type.name).to.equal("TIMESTAMP");
      expect(columnOf(author, "deletedAt").nullable).to.equal(true);
      expect(columnOf(author, "revision").type.name).to.equal("integer");
      expect(columnOf(author, "nicknames").type.name).to.equal("text");
      expect(columnOf(author, "settings").type.name).to.equal("text");
      expect(columnOf(author, "addressCity").default).to.equal("'Paris'");
      const feature = tableOf(model, "pg_feature");
      expect(columnOf(feature, "labels").type.name).to.equal("character varying array");
      expect(columnOf(feature, "at").type.name).to.equal("TIMESTAMP(3) WITH TIME ZONE");
      // TypeORM's normalizeDatetimeFunction spells CURRENT_TIMESTAMP as now() on PostgreSQL.
      expect(columnOf(feature, "at").default).to.equal("now()");
      expect(columnOf(feature, "amount").type.name).to.equal("numeric");
      expect(columnOf(feature, "code").collation).to.equal("C");
    });

    it("names enum types as TypeORM does, shares an enumName per schema, keeps numeric enums' values", () => {
      const state = columnOf(tableOf(model, "author"), "state").type;
      expect(state).to.deep.include({ name: "enum", enumName: "author_state_enum", enumValues: ["draft", "live"] });
      expect(columnOf(tableOf(model, "pg_feature"), "mood").type.enumName).to.equal("mood");
      expect(columnOf(tableOf(model, "pg_feature"), "level").type).to.deep.include({ enumName: "pg_feature_level_enum", enumValues: ["0", "1"] });
      expect(columnOf(tableOf(model, "pg_feature"), "level").default).to.equal("'0'");
      expect(columnOf(tableOf(model, "pg_feature"), "moods").type).to.deep.include({ enumName: "pg_feature_moods_enum", arrayDimensions: 1 });
      expect(columnOf(tableOf(model, "archived_post", "archive"), "mood").type.enumName).to.equal("archive.mood");
      expect(model.enums.map((e) => `${e.schema ?? ""}.${e.name}`)).to.deep.equal([
        ".author_state_enum", ".mood", ".pg_feature_level_enum", ".pg_feature_moods_enum",
        "archive.archived_post_letter_enum", "archive.mood",
      ]);
      expect(model.enums.find((e) => e.name === "mood")!.values).to.deep.equal(["happy", "sad"]);
    });

    it("keeps generated columns, partial indexes and deferrable constraints", () => {
      expect(columnOf(tableOf(model, "book"), "doublePrice").generated).to.deep.equal({ expression: '"price" * 2', stored: true });
      const five = tableOf(model, "pg_feature").indexes.find((i) => i.parts[0].column === "five");
      expect(five).to.deep.include({ where: '"amount" > 0', unique: false });
      expect(tableOf(model, "publisher").indexes).to.deep.equal([
        { name: "IDX_publisher_open_name", parts: [{ column: "name", expression: null, descending: false }], unique: true, where: '"closed" = false', method: null },
      ]);
      expect(tableOf(model, "pg_feature").uniques).to.deep.equal([{ name: "UQ_pg_code", columns: ["code"], deferrable: "immediate" }]);
      expect(tableOf(model, "pg_feature").foreignKeys[0]).to.deep.include({
        columns: ["postId"], referencedSchema: "archive", referencedTable: "archived_post", onDelete: "RESTRICT", onUpdate: "NO ACTION", deferrable: "deferred",
      });
    });

    it("makes unique columns, @Unique and one-to-one keys unique constraints with TypeORM's names", () => {
      const author = tableOf(model, "author");
      expect(author.uniques.map((u) => u.columns)).to.have.deep.members([["name", "born"], ["email"]]);
      expect(author.uniques.find((u) => u.columns[0] === "email")!.name).to.match(/^UQ_[0-9a-f]{27}$/);
      expect(author.checks).to.deep.equal([{ name: "CHK_author_rating", expression: '"rating" >= 0' }]);
      expect(author.primaryKey!.name).to.match(/^PK_[0-9a-f]{27}$/);
      const book = tableOf(model, "book");
      expect(book.uniques.map((u) => [u.name?.slice(0, 4), u.columns])).to.deep.equal([["REL_", ["cover_id"]]]);
    });

    it("builds foreign keys with their actions (NO ACTION by default) and ManyToMany junction tables", () => {
      const fks = tableOf(model, "book").foreignKeys.map((f) => [f.columns[0], f.referencedTable, f.onDelete, f.onUpdate]);
      expect(fks).to.have.deep.members([
        ["authorId", "author", "CASCADE", "NO ACTION"],
        ["publisherCode", "publisher", "SET NULL", "CASCADE"],
        ["cover_id", "cover", "NO ACTION", "NO ACTION"],
      ]);
      const junction = tableOf(model, "book_tags");
      expect(junction.primaryKey!.columns).to.deep.equal(["bookId", "tagLabel"]);
      expect(junction.indexes.map((i) => i.parts[0].column)).to.have.members(["bookId", "tagLabel"]);
      expect(junction.foreignKeys.map((f) => [f.referencedTable, f.onDelete, f.onUpdate])).to.have.deep.members([
        ["book", "CASCADE", "CASCADE"],
        ["tag", "CASCADE", "CASCADE"],
      ]);
    });

    it("puts single-table children's columns on the parent and copies inherited columns", () => {
      expect(tableOf(model, "content").columns.map((c) => c.name)).to.deep.equal(["id", "title", "size", "seconds", "kind"]);
      expect(tableOf(model, "receipt").columns.map((c) => c.name)).to.deep.equal(["id", "created", "total", "note"]);
    });
  });
}
