import "reflect-metadata";
import type { SchemaModel } from "@retort/core";
import { expect } from "chai";
import { columnOf, convertCorpus, tableOf } from "./support/converted-corpus";
import type { TypeormVersion } from "./support/fixture-project";

for (const version of ["1.x", "0.3"] as TypeormVersion[]) {
  describe(`conversion for SQLite (TypeORM ${version}), SQL as TypeORM writes it`, () => {
    let model: SchemaModel;
    before(async () => (model = await convertCorpus(version, "sqlite")));

    it("models the main schema, unnamed primary keys and no comments", () => {
      expect(model).to.deep.include({ dialect: "sqlite", defaultSchema: "main", schemas: [], enums: [] });
      const author = tableOf(model, "author");
      expect(author.primaryKey).to.deep.equal({ name: null, columns: ["id"] });
      expect(author.comment).to.equal(null);
      expect(columnOf(author, "bio").comment).to.equal(null);
    });

    it("marks increment keys AUTOINCREMENT and other INTEGER PRIMARY KEYs rowid aliases", () => {
      expect(columnOf(tableOf(model, "author"), "id")).to.deep.include({ autoIncrement: "sqlite-autoincrement" });
      expect(columnOf(tableOf(model, "author"), "id").type.name).to.equal("integer");
      expect(columnOf(tableOf(model, "lite_feature"), "id").autoIncrement).to.equal("rowid");
      expect(columnOf(tableOf(model, "book"), "id")).to.deep.include({ autoIncrement: null, default: null });
      expect(columnOf(tableOf(model, "book"), "id").type.name).to.equal("varchar");
      expect(columnOf(tableOf(model, "book_tags"), "bookId").autoIncrement).to.equal(null);
    });

    it("wraps defaults in parentheses as TypeORM writes them", () => {
      const author = tableOf(model, "author");
      expect(columnOf(author, "active").default).to.equal("(1)");
      expect(columnOf(author, "state").default).to.equal("('draft')");
      expect(columnOf(author, "createdAt").default).to.equal("(datetime('now'))");
      expect(columnOf(tableOf(model, "lite_feature"), "at").default).to.equal("(CURRENT_TIMESTAMP)");
      expect(columnOf(tableOf(model, "lite_feature"), "name").collation).to.equal("NOCASE");
    });

    it("turns enums into varchar with an unnamed CHECK, beside the named @Check", () => {
      const author = tableOf(model, "author");
      expect(columnOf(author, "state").type.name).to.equal("varchar");
      expect(author.checks).to.deep.equal([
        { name: null, expression: `"state" IN ('draft','live')` },
        { name: "CHK_author_rating", expression: '"rating" >= 0' },
      ]);
    });

    it("keeps named unique constraints, partial indexes and named foreign keys", () => {
      expect(tableOf(model, "author").uniques.map((u) => u.columns)).to.have.deep.members([["name", "born"], ["email"]]);
      expect(tableOf(model, "publisher").indexes[0]).to.deep.include({ name: "IDX_publisher_open_name", unique: true, where: '"closed" = 0' });
      const fks = tableOf(model, "book").foreignKeys;
      expect(fks.every((f) => /^FK_[0-9a-f]{27}$/.test(f.name ?? ""))).to.equal(true);
      expect(columnOf(tableOf(model, "book"), "doublePrice").generated).to.deep.equal({ expression: '"price" * 2', stored: true });
    });
  });
}
