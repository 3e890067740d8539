import { expect } from "chai";
import { column, columnType, index, table } from "@retort/core";
import { compareSchemas, describeLine, describeOperations } from "../../src";
import { fk, model, userAndPost, withTable } from "../support/models";

describe("describeOperations / describeLine", () => {
  const base = model("postgres", userAndPost());

  it("writes one readable line per entry", () => {
    const target = model(
      "postgres",
      withTable(
        withTable(userAndPost(), "user", (t) => ({
          columns: [t.columns[0], column("email", columnType("varchar", { length: 320 }), { nullable: false }), column("name", "text", { default: "'anon'" })],
          indexes: [index("IDX_name", ["name"], { unique: true, where: "(name IS NOT NULL)" })],
          checks: [{ name: "CHK_id", expression: "(id > 0)" }],
        })),
        "post",
        () => ({ foreignKeys: [fk("FK_post_user", ["user_id"], "user", ["id"], { onDelete: "CASCADE" })] }),
      ),
      [{ schema: null, name: "mood", values: ["a", "b"] }],
    );
    const lines = describeOperations(compareSchemas(target, base)).map(describeLine);
    expect(lines).to.deep.equal([
      "+ add enum mood (a, b)",
      "- remove foreign key FK_post_user on post (user_id) -> user (id)",
      "+ add column user.name (text, nullable, default 'anon')",
      "~ modify type user.email: varchar(255) -> varchar(320)",
      "~ modify nullable user.email: nullable -> not null",
      "+ add index IDX_name on user (name) unique where (name IS NOT NULL)",
      "+ add check CHK_id on user ((id > 0))",
      "+ add foreign key FK_post_user on post (user_id) -> user (id) on delete cascade",
    ]);
  });

  it("describes whole tables, primary keys, comments and enum changes", () => {
    const lines = describeOperations([
      { kind: "createTable", table: table("tag", { schema: "blog", columns: [column("id", "integer")] }) },
      { kind: "dropTable", table: table("old", {}) },
      { kind: "createPrimaryKey", schema: null, table: "user", primaryKey: { name: "PK_user", columns: ["id"] } },
      { kind: "alterTableComment", schema: null, table: "user", comment: { from: null, to: 'say "hi"' } },
      { kind: "alterEnum", schema: null, name: "mood", values: { from: ["a"], to: ["a", "b"] } },
      { kind: "createTable", table: table("x", {}) },
      { kind: "createIndex", schema: null, table: "x", index: index("IDX_x", ["a"]), concurrently: false },
    ]).map(describeLine);
    expect(lines).to.deep.equal([
      "+ add table blog.tag (1 column)",
      "- remove table old",
      "+ add primary key PK_user on user (id)",
      '~ modify table comment user: none -> "say \\"hi\\""',
      "~ modify enum mood: (a) -> (a, b)",
      "+ add table x (0 columns)",
    ]);
  });

  it("flattens batchAlterTable blocks and survives a JSON round trip", () => {
    const entries = describeOperations([
      {
        kind: "batchAlterTable",
        schema: null,
        table: "user",
        recreate: "auto",
        operations: [{ kind: "addColumn", schema: null, table: "user", column: column("age", "integer") }],
      },
    ]);
    expect(entries.map((e) => e.kind)).to.deep.equal(["add_column"]);
    expect(JSON.parse(JSON.stringify(entries))).to.deep.equal(entries);
  });

  it("has no kind for renames: a renamed table or column gives no entry (codegen renders them from the ops)", () => {
    const existing = column("name", "text");
    const entries = describeOperations([
      { kind: "renameTable", schema: null, table: "old", newName: "new" },
      { kind: "alterColumn", schema: null, table: "user", column: "name", changes: { name: { from: "name", to: "full_name" } }, existing },
    ]);
    expect(entries).to.deep.equal([]);
  });
});
