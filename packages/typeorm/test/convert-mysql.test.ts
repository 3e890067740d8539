import "reflect-metadata";
import type { SchemaModel } from "@retort/core";
import { expect } from "chai";
import { buildTargetModel, entitiesDataSource } from "../src";
import { columnOf, convertCorpus, tableOf } from "./support/converted-corpus";
import { createFixtureProject, type TypeormVersion } from "./support/fixture-project";
import { useMetadataStorageOf } from "./support/metadata-storage";
import { rawRules } from "./support/raw-rules";

for (const version of ["1.x", "0.3"] as TypeormVersion[]) {
  describe(`conversion for MariaDB (TypeORM ${version}), SQL as TypeORM writes it`, () => {
    let offline: SchemaModel;
    let onMariaDb1011: SchemaModel;
    before(async () => {
      offline = await convertCorpus(version, "mysql");
      onMariaDb1011 = await convertCorpus(version, "mysql", { serverVersion: "10.11.6-MariaDB" });
    });

    it("models the DataSource's database as the default schema, with unnamed primary keys", () => {
      expect(offline).to.deep.include({ dialect: "mariadb", defaultSchema: "shop", schemas: [], enums: [] });
      expect(tableOf(offline, "author").primaryKey).to.deep.equal({ name: null, columns: ["id"] });
    });

    it("writes AUTO_INCREMENT, UNSIGNED and inline ENUM types", () => {
      const feature = tableOf(offline, "mysql_feature");
      expect(columnOf(feature, "id")).to.deep.include({ autoIncrement: "auto-increment" });
      expect(columnOf(feature, "id").type.name).to.equal("bigint UNSIGNED");
      expect(columnOf(feature, "counter").type.name).to.equal("int UNSIGNED");
      expect(columnOf(feature, "letter").type.name).to.equal("enum ('a', 'b')");
      expect(columnOf(tableOf(offline, "author"), "state").type.name).to.equal("enum ('draft', 'live')");
      expect(columnOf(feature, "label").comment).to.equal('it\'s "quoted"');
      expect(feature.comment).to.equal("MySQL-only column kinds");
    });

    it("writes defaults as MysqlDriver.normalizeDefault does, its rounding of unscaled numbers included", () => {
      const author = tableOf(offline, "author");
      expect(columnOf(author, "active").default).to.equal("1");
      expect(columnOf(author, "balance").default).to.equal("'0.00'");
      expect(columnOf(author, "createdAt").default).to.equal("CURRENT_TIMESTAMP(6)");
      expect(columnOf(author, "createdAt").type.name).to.equal("datetime(6)");
      const feature = tableOf(offline, "mysql_feature");
      // toFixed(undefined scale): TypeORM writes DEFAULT '2' for 1.5 on a double, and the server keeps it.
      expect(columnOf(feature, "ratio").default).to.equal("'2'");
      expect(columnOf(feature, "exact").default).to.equal("'1.250'");
      expect(columnOf(feature, "at").default).to.equal("CURRENT_TIMESTAMP(3)");
    });

    it("keeps unique columns, @Unique and one-to-one keys unique constraints, and @Index unique indexes as indexes", () => {
      const author = tableOf(offline, "author");
      expect(author.uniques.map((u) => u.columns)).to.have.deep.members([["name", "born"], ["email"]]);
      expect(author.indexes.map((i) => i.name)).to.include("IDX_author_name_rating");
      expect(author.indexes.every((i) => !i.unique)).to.equal(true);
      expect(tableOf(offline, "book").uniques.map((u) => u.columns)).to.deep.equal([["cover_id"]]);
      const feature = tableOf(offline, "mysql_feature");
      expect(feature.uniques).to.deep.equal([]);
      expect(feature.indexes.map((i) => [i.name, i.unique, i.method])).to.deep.equal([
        ["IDX_mysql_body", false, "fulltext"],
        ["IDX_mysql_code", true, null],
      ]);
    });

    it("keeps @Check constraints, which retort manages on MariaDB too", () => {
      expect(tableOf(offline, "author").checks).to.deep.equal([{ name: "CHK_author_rating", expression: "`rating` >= 0" }]);
    });

    it("follows the server version for uuid columns, join columns to them included", () => {
      expect(columnOf(tableOf(offline, "book"), "id").type.name).to.equal("varchar(36)");
      expect(columnOf(tableOf(offline, "book"), "cover_id").type.name).to.equal("varchar(36)");
      expect(columnOf(tableOf(onMariaDb1011, "book"), "id").type.name).to.equal("uuid");
      expect(columnOf(tableOf(onMariaDb1011, "book"), "cover_id").type.name).to.equal("uuid");
      expect(columnOf(tableOf(onMariaDb1011, "book"), "id").default).to.equal(null);
      expect(columnOf(tableOf(offline, "mysql_feature"), "doc").type.name).to.equal("longtext");
      expect(columnOf(tableOf(onMariaDb1011, "mysql_feature"), "doc").type.name).to.equal("json");
    });

    it("puts an entity's own database in the table's schema", async () => {
      useMetadataStorageOf(version);
      const project = createFixtureProject(version, {
        "src/entities.ts": `
          import { Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
          @Entity() export class Home { @PrimaryGeneratedColumn() id!: number; }
          @Entity({ database: "archive_db" }) export class Away {
            @PrimaryGeneratedColumn() id!: number;
            @ManyToOne(() => Home) home!: Home;
          }`,
      });
      try {
        const ds = await entitiesDataSource({ entities: ["src/*.ts"], url: "mariadb://nobody@127.0.0.1:1/shop", baseDir: project.dir });
        const model = await buildTargetModel(ds, { rules: rawRules("mysql") });
        expect(model.tables.map((t) => [t.schema, t.name])).to.deep.equal([
          [null, "home"],
          ["archive_db", "away"],
        ]);
        expect(model.schemas).to.deep.equal(["archive_db"]);
        expect(tableOf(model, "away", "archive_db").foreignKeys[0]).to.deep.include({ referencedSchema: null, referencedTable: "home" });
      } finally {
        project.remove();
      }
    });

    it("keeps generated columns and actions of foreign keys", () => {
      expect(columnOf(tableOf(offline, "book"), "doublePrice").generated).to.deep.equal({ expression: "`price` * 2", stored: true });
      // MariaDB refuses NULL/NOT NULL on generated columns: TypeORM writes neither.
      expect(columnOf(tableOf(offline, "book"), "doublePrice").nullable).to.equal(true);
      const fks = tableOf(offline, "book").foreignKeys.map((f) => [f.columns[0], f.onDelete, f.onUpdate, f.deferrable]);
      expect(fks).to.have.deep.members([
        ["authorId", "CASCADE", "NO ACTION", null],
        ["publisherCode", "SET NULL", "CASCADE", null],
        ["cover_id", "NO ACTION", "NO ACTION", null],
      ]);
    });
  });
}
