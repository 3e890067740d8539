import { expect } from "chai";
import { column, columnType, table, type EnumTypeModel, type SchemaModel } from "@retort/core";
import { compareSchemas, describeOperations, type FilterObject } from "../../src";
import { kindsOf } from "../support/kinds";
import { model, userAndPost } from "../support/models";

const mood = (values: string[], schema: string | null = null): EnumTypeModel => ({ schema, name: "mood_enum", values });
const moodColumn = (values: string[]) => column("mood", columnType("enum", { enumName: "mood_enum", enumValues: values }));
const withMood = (values: string[]): SchemaModel =>
  model("postgres", [table("person", { columns: [column("id", "integer", { nullable: false }), moodColumn(values)] })], [mood(values)]);

describe("compareSchemas: PostgreSQL enums", () => {
  it("adds an enum type with the column that uses it, enum first", () => {
    const actual = model("postgres", [table("person", { columns: [column("id", "integer", { nullable: false })] })]);
    const ops = compareSchemas(withMood(["sad", "ok"]), actual);
    expect(ops.map((o) => o.kind)).to.deep.equal(["createEnum", "addColumn"]);
    expect(describeOperations(ops)[0]).to.deep.equal({
      kind: "add_enum",
      schema: null,
      table: null,
      column: null,
      name: "mood_enum",
      details: { after: { values: ["sad", "ok"] } },
    });
    expect(compareSchemas(actual, withMood(["sad", "ok"])).map((o) => o.kind)).to.deep.equal(["dropColumn", "dropEnum"]);
    expect(kindsOf(compareSchemas(actual, withMood(["sad", "ok"])))).to.deep.equal(["remove_column", "remove_enum"]);
  });

  for (const [what, to] of [
    ["added", ["sad", "ok", "happy"]],
    ["removed", ["sad"]],
    ["reordered", ["ok", "sad"]],
  ] as const) {
    it(`reports ${what} values as one modify_enum, not as a column type change`, () => {
      const entries = describeOperations(compareSchemas(withMood([...to]), withMood(["sad", "ok"])));
      expect(entries).to.have.length(1);
      expect(entries[0]).to.deep.include({ kind: "modify_enum", schema: null, table: null, column: null, name: "mood_enum" });
      expect(entries[0].details).to.deep.include({ before: ["sad", "ok"], after: [...to] });
    });
  }

  it("reports a column moved to another enum type as modify_type", () => {
    const other: SchemaModel = {
      ...withMood(["sad", "ok"]),
      enums: [mood(["sad", "ok"]), { schema: null, name: "feeling", values: ["sad", "ok"] }],
      tables: [table("person", { columns: [column("id", "integer", { nullable: false }), column("mood", columnType("enum", { enumName: "feeling", enumValues: ["sad", "ok"] }))] })],
    };
    const actual = { ...withMood(["sad", "ok"]), enums: other.enums };
    expect(kindsOf(compareSchemas(other, actual))).to.deep.equal(["modify_type"]);
  });
});

describe("compareSchemas: filters and scope", () => {
  const base = model("postgres", userAndPost());
  const empty = model("postgres", []);

  it("never reports the version table, on either side", () => {
    const version = table("retort_version", { columns: [column("version_num", columnType("varchar", { length: 32 }), { nullable: false })] });
    const withVersion = model("postgres", [...userAndPost(), version]);
    expect(compareSchemas(base, withVersion)).to.deep.equal([]);
    expect(compareSchemas(withVersion, base)).to.deep.equal([]);
    const custom = model("postgres", [...userAndPost(), { ...version, name: "my_versions" }]);
    expect(compareSchemas(base, custom, { versionTable: "my_versions" })).to.deep.equal([]);
    expect(kindsOf(compareSchemas(base, custom))).to.deep.equal(["remove_table"]);
  });

  it("calls includeObject with the entity side and its reflected twin, and skips what it rejects", () => {
    const calls: [string | null, string, boolean, boolean][] = [];
    const ops = compareSchemas(base, empty, {
      includeObject: (object: FilterObject, name, type, reflected, compareTo) => {
        calls.push([name, type, reflected, compareTo !== null]);
        expect(object).to.have.property("schema", null);
        return name !== "post";
      },
    });
    expect(calls).to.deep.include(["post", "table", false, false]);
    expect(ops.map((o) => (o.kind === "createTable" ? o.table.name : o.kind))).to.deep.equal(["user"]);
    const changed = model("postgres", userAndPost({ user: { comment: "c", columns: [column("id", "integer", { nullable: false }), column("email", "text")] } }));
    const seen: string[] = [];
    compareSchemas(changed, base, {
      includeObject: (object, name, type, reflected, compareTo) => {
        if (type === "column") {
          expect(object).to.include({ schema: null, table: (object as { table: string }).table });
          seen.push(`${name}:${reflected}:${compareTo !== null}`);
        }
        return true;
      },
    });
    expect(seen).to.include("email:false:true");
    expect(compareSchemas(changed, base, { includeObject: (_o, name, type) => !(type === "column" && name === "email") }).map((o) => o.kind)).to.deep.equal([
      "alterTableComment",
    ]);
  });

  it("applies includeName to the reflected side only", () => {
    const seen: string[] = [];
    const ops = compareSchemas(empty, base, {
      includeName: (name, type, parents) => {
        if (type === "table") seen.push(`${name}|${parents.tableName}|${parents.schemaQualifiedTableName}`);
        return !(type === "table" && name === "post");
      },
    });
    expect(kindsOf(ops)).to.deep.equal(["remove_table"]);
    expect(seen).to.include("post|null|post");
    const columnsHidden = compareSchemas(base, base, { includeName: (name, type, parents) => !(type === "column" && parents.tableName === "user" && name === "email") });
    expect(kindsOf(columnsHidden)).to.deep.equal(["add_column"]);
  });

  it("compares other schemas only when included or reflected", () => {
    const other = table("audit", { schema: "logs", columns: [column("id", "integer")] });
    const target = model("postgres", [...userAndPost(), other]);
    expect(compareSchemas(target, base)).to.deep.equal([]);
    expect(kindsOf(compareSchemas(target, base, { includeSchemas: true }))).to.deep.equal(["add_table"]);
    expect(kindsOf(compareSchemas(target, { ...base, schemas: ["logs"] }))).to.deep.equal(["add_table"]);
    const entry = describeOperations(compareSchemas(target, base, { includeSchemas: true }))[0];
    expect([entry.schema, entry.table]).to.deep.equal(["logs", "audit"]);
  });

  it("treats the default schema spelled out as null", () => {
    const spelled = model("postgres", userAndPost().map((t) => ({ ...t, schema: "public", foreignKeys: t.foreignKeys.map((f) => ({ ...f, referencedSchema: "public" })) })));
    expect(compareSchemas(spelled, base)).to.deep.equal([]);
  });

  it("orders the output deterministically, whatever the input order", () => {
    const target = model("postgres", userAndPost({ user: { comment: "x" } }), [mood(["a"])]);
    const shuffled: SchemaModel = { ...target, tables: [...target.tables].reverse() };
    expect(compareSchemas(shuffled, empty)).to.deep.equal(compareSchemas(target, empty));
    expect(JSON.stringify(compareSchemas(target, base))).to.equal(JSON.stringify(compareSchemas(target, base)));
  });
});
