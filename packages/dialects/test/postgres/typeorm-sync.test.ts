import "reflect-metadata";
import { column, columnType, index, table, withoutWrittenSpellings, type SchemaModel } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, introspect, postgresRules } from "../../src";
import { tableOf } from "./helpers";

type TypeOrm = typeof import("typeorm");

/** Entities covering what TypeORM writes for PostgreSQL. */
function entities(typeorm: TypeOrm) {
  const author = new typeorm.EntitySchema({
    name: "Author",
    tableName: "author",
    columns: {
      id: { type: Number, primary: true, generated: "increment" },
      name: { type: "varchar", length: 100, comment: "shown on posts" },
      email: { type: "varchar", unique: true, nullable: true },
      active: { type: Boolean, default: true },
      created: { type: "timestamp", createDate: true },
      role: { type: "enum", enum: ["admin", "editor"], default: "editor" },
      tags: { type: "text", array: true, default: () => "'{}'" },
      score: { type: "decimal", precision: 10, scale: 2, default: 0.5 },
      note: { type: "text", default: "hello" },
      shout: { type: "varchar", generatedType: "STORED", asExpression: `upper("name")`, nullable: true },
      meta: { type: "jsonb", default: () => "'{}'" },
    },
    checks: [{ name: "CHK_name", expression: `length("name") > 0` }],
    indices: [{ name: "IDX_name_active", columns: ["name", "active"], where: `"active" = true` }],
    uniques: [{ name: "UQ_name_score", columns: ["name", "score"] }],
  });
  const post = new typeorm.EntitySchema<{ id: string; authorId: number | null; author: unknown }>({
    name: "Post",
    tableName: "post",
    columns: {
      id: { type: "uuid", primary: true, generated: "uuid" },
      authorId: { type: Number, nullable: true },
    },
    relations: {
      author: {
        type: "many-to-one",
        target: "Author",
        joinColumn: { name: "authorId", foreignKeyConstraintName: "FK_post_author" },
        onDelete: "CASCADE",
      },
    },
  });
  // Defaults only: each must normalise alike as TypeORM writes it and as the server reports it.
  const defaults = new typeorm.EntitySchema({
    name: "Defaults",
    tableName: "defaults",
    columns: {
      id: { type: Number, primary: true, generated: "increment" },
      ts: { type: "timestamptz", default: () => "CURRENT_TIMESTAMP" },
      ts6: { type: "timestamp", precision: 6, default: () => "CURRENT_TIMESTAMP(6)" },
      day: { type: "date", default: () => "CURRENT_DATE" },
      neg: { type: "int", default: -1 },
      big: { type: "bigint", default: 0 },
      small: { type: "smallint", default: 7 },
      dec: { type: "decimal", default: 0 },
      real: { type: "real", default: 1.5 },
      empty: { type: "varchar", default: "" },
      quoted: { type: "varchar", length: 20, default: "a b" },
      flag: { type: Boolean, default: false },
      doc: { type: "jsonb", default: { b: 1, a: [1, 2] } },
      plain: { type: "json", default: { b: 1 } },
      ints: { type: "int", array: true, default: [] },
      words: { type: "text", array: true, default: ["a", "b"] },
      levels: { type: "enum", enum: ["low", "high"], array: true, default: ["low"] },
      uid: { type: "uuid", default: () => "gen_random_uuid()" },
      chars: { type: "char", length: 2, default: "ab" },
    },
  });
  return [author, post, defaults];
}

const expectedAuthor = table("author", {
  columns: [
    column("id", "integer", { nullable: false, autoIncrement: "serial" }),
    column("name", columnType("varchar", { length: 100 }), { nullable: false, comment: "shown on posts" }),
    column("email", "varchar"),
    column("active", "boolean", { nullable: false, default: "true" }),
    column("created", "timestamp", { nullable: false, default: "CURRENT_TIMESTAMP" }),
    column("role", columnType("enum", { enumValues: ["admin", "editor"], enumName: "author_role_enum" }), {
      nullable: false,
      default: "'editor'",
    }),
    column("tags", columnType("text", { arrayDimensions: 1 }), { nullable: false, default: "'{}'" }),
    column("score", columnType("numeric", { precision: 10, scale: 2 }), { nullable: false, default: "0.5" }),
    column("note", "text", { nullable: false, default: "'hello'" }),
    column("shout", "varchar", { generated: { expression: "upper(name)", stored: true } }),
    column("meta", "jsonb", { nullable: false, default: "'{}'" }),
  ],
  indexes: [index("IDX_name_active", ["name", "active"], { where: "active = true" })],
  checks: [{ name: "CHK_name", expression: "length(name) > 0" }],
});

for (const version of ["typeorm", "typeorm-0.3"] as const) {
  describeEachTarget(
    `introspectPostgres of a schema synchronised by ${version}`,
    (ctx) => {
      let model: SchemaModel;
      /** What TypeORM writes after DEFAULT, per `table.column`. */
      const typeormDefaults = new Map<string, string>();

      before(async () => {
        const typeorm = (await import(version)) as TypeOrm;
        const dataSource = new typeorm.DataSource({
          type: "postgres",
          url: ctx.db.url,
          entities: entities(typeorm),
          synchronize: true,
        } as import("typeorm").DataSourceOptions);
        await dataSource.initialize();
        for (const meta of dataSource.entityMetadatas) {
          for (const c of meta.columns) {
            const ddl = dataSource.driver.normalizeDefault(c);
            if (ddl !== undefined) typeormDefaults.set(`${meta.tableName}.${c.databaseName}`, ddl);
          }
        }
        await dataSource.destroy();
        const db = await connect(ctx.db.url);
        try {
          // The server's own check text (kept for downgrades) is not what these tests read.
          model = withoutWrittenSpellings(await introspect(db));
        } finally {
          await db.close();
        }
      });

      it("reflects TypeORM's tables in canonical spelling", () => {
        const author = tableOf(model, "author");
        expect({ ...author, primaryKey: null, uniques: [] }).to.deep.equal(expectedAuthor);
        expect(author.primaryKey?.columns).to.deep.equal(["id"]);
        expect(author.uniques.map((u) => u.columns)).to.deep.equal([["email"], ["name", "score"]]);
        const post = tableOf(model, "post");
        expect(post.columns).to.deep.equal([
          column("id", "uuid", { nullable: false, default: "uuid_generate_v4()" }),
          column("authorId", "integer"),
        ]);
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
        expect(model.enums).to.deep.equal([
          { schema: null, name: "author_role_enum", values: ["admin", "editor"] },
          { schema: null, name: "defaults_levels_enum", values: ["low", "high"] },
        ]);
      });

      it("normalises each default as TypeORM writes it to what the server reports", () => {
        expect(typeormDefaults.size).to.be.at.least(25);
        for (const [key, ddl] of typeormDefaults) {
          const [tableName, columnName] = key.split(".") as [string, string];
          const reflected = tableOf(model, tableName).columns.find((c) => c.name === columnName)!;
          expect(postgresRules.normalizeDefault(ddl, reflected.type), `${key} DEFAULT ${ddl}`).to.equal(
            reflected.default,
          );
        }
      });
    },
    { targets: ["postgres"] },
  );
}
