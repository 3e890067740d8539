import { expect } from "chai";
import {
  applyOperations,
  column,
  columnType,
  index,
  IrreversibleOperationError,
  reverse,
  reverseAll,
  table,
  type Operation,
  type SchemaModel,
  view,
} from "../src";

const base: SchemaModel = {
  dialect: "postgres",
  defaultSchema: "public",
  schemas: [],
  enums: [{ schema: null, name: "mood", values: ["sad", "ok"] }],
  views: [view("old_report", "SELECT 1 AS one"), view("user_names", "SELECT name FROM \"user\"")],
  tables: [
    table("user", {
      columns: [column("id", "integer", { nullable: false, autoIncrement: "serial" }), column("name", columnType("varchar", { length: 50 }))],
      primaryKey: { name: "user_pkey", columns: ["id"] },
    }),
  ],
};

const upgrade: Operation[] = [
  {
    kind: "createTable",
    table: table("post", {
      columns: [column("id", "integer", { nullable: false }), column("user_id", "integer")],
      primaryKey: { name: "post_pkey", columns: ["id"] },
    }),
  },
  {
    kind: "createForeignKey",
    schema: null,
    table: "post",
    foreignKey: {
      name: "post_user_fk",
      columns: ["user_id"],
      referencedSchema: null,
      referencedTable: "user",
      referencedColumns: ["id"],
      onDelete: "CASCADE",
      onUpdate: "NO ACTION",
      deferrable: null,
    },
  },
  { kind: "addColumn", schema: null, table: "user", column: column("email", "text") },
  {
    kind: "alterColumn",
    schema: null,
    table: "user",
    column: "name",
    changes: { type: { from: columnType("varchar", { length: 50 }), to: columnType("varchar", { length: 200 }) }, name: { from: "name", to: "full_name" } },
    existing: column("name", columnType("varchar", { length: 50 })),
  },
  { kind: "createIndex", schema: null, table: "user", index: index("user_email_idx", ["email"], { unique: true }), concurrently: false },
  { kind: "alterEnum", schema: null, name: "mood", values: { from: ["sad", "ok"], to: ["sad", "ok", "happy"] } },
  { kind: "alterTableComment", schema: null, table: "user", comment: { from: null, to: "people's accounts" } },
  { kind: "dropView", view: view("old_report", "SELECT 1 AS one") },
  { kind: "replaceView", view: { from: view("user_names", "SELECT name FROM \"user\""), to: view("user_names", "SELECT full_name FROM \"user\"") } },
  {
    kind: "createView",
    view: view("post_counts", "SELECT user_id, count(*) AS n FROM post GROUP BY user_id", {
      materialized: true,
      indexes: [index("post_counts_user", ["user_id"], { unique: true })],
    }),
  },
  { kind: "refreshMaterializedView", schema: null, name: "post_counts" },
];

describe("operations", () => {
  it("reverseAll undoes an upgrade on the model exactly", () => {
    const upgraded = applyOperations(base, upgrade);
    expect(upgraded.tables.map((t) => t.name)).to.deep.equal(["post", "user"]);
    const user = upgraded.tables.find((t) => t.name === "user")!;
    expect(user.columns.map((c) => c.name)).to.deep.equal(["id", "full_name", "email"]);
    expect(user.columns[1]!.type.length).to.equal(200);
    expect(user.comment).to.equal("people's accounts");
    expect(upgraded.enums[0]!.values).to.deep.equal(["sad", "ok", "happy"]);
    expect(applyOperations(upgraded, reverseAll(upgrade))).to.deep.equal(applyOperations(base, []));
  });

  it("reverses twice to the original operations", () => {
    expect(reverseAll(reverseAll(upgrade))).to.deep.equal(upgrade);
  });

  it("operations are JSON round-trippable plain data", () => {
    expect(JSON.parse(JSON.stringify(upgrade))).to.deep.equal(upgrade);
  });

  it("refuses to reverse raw SQL, saying what to do", () => {
    expect(() => reverseAll([{ kind: "execute", sql: "UPDATE x SET y = 1", params: [] }])).to.throw(
      IrreversibleOperationError,
      /downgrade\(\)/,
    );
  });
});

describe("extension operations", () => {
  it("reverse: a created extension is dropped only if a migration created it; a dropped one is created again", () => {
    const create: Operation = { kind: "createExtension", extension: { name: "hstore" } };
    expect(reverse(create)).to.deep.equal({ kind: "dropExtension", extension: { name: "hstore" }, onlyIfCreatedByRetort: true });
    expect(reverse({ kind: "dropExtension", extension: { name: "hstore" }, onlyIfCreatedByRetort: false })).to.deep.equal(create);
  });

  it("applyOperation adds and removes it from the model's extensions", () => {
    const empty: SchemaModel = { dialect: "postgres", defaultSchema: "public", schemas: [], tables: [], enums: [], views: [], extensions: [] };
    const added = applyOperations(empty, [{ kind: "createExtension", extension: { name: "uuid-ossp" } }, { kind: "createExtension", extension: { name: "citext" } }]);
    expect(added.extensions).to.deep.equal([{ name: "citext" }, { name: "uuid-ossp" }]);
    expect(applyOperations(added, reverseAll([{ kind: "createExtension", extension: { name: "uuid-ossp" } }])).extensions).to.deep.equal([{ name: "citext" }]);
  });
});

describe("exclusion constraint operations (docs/schema-objects.md)", () => {
  const exclusion = { name: "no_overlap", expression: "using gist(room WITH =)" };
  const create: Operation = { kind: "createExclusionConstraint", schema: null, table: "b", exclusion };

  it("reverse: create and drop undo each other, the drop carrying the expression", () => {
    expect(reverse(create)).to.deep.equal({ kind: "dropExclusionConstraint", schema: null, table: "b", exclusion });
    expect(reverse(reverse(create))).to.deep.equal(create);
  });

  it("applyOperation adds it sorted by name and removes it; a table without any has no exclusions field", () => {
    const empty: SchemaModel = { dialect: "postgres", defaultSchema: "public", schemas: [], tables: [table("b")], enums: [], views: [] };
    expect(empty.tables[0]).to.not.have.property("exclusions");
    const other: Operation = { kind: "createExclusionConstraint", schema: null, table: "b", exclusion: { name: "a_first", expression: "using gist(x WITH &&)" } };
    const added = applyOperations(empty, [create, other]);
    expect(added.tables[0]!.exclusions!.map((x) => x.name)).to.deep.equal(["a_first", "no_overlap"]);
    expect(applyOperations(added, reverseAll([create, other]))).to.deep.equal(empty);
  });
});
