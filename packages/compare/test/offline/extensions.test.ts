import { expect } from "chai";
import { column, table, type SchemaModel } from "@retort/core";
import { compareSchemas, describeOperations, type FilterObject } from "../../src";
import { model } from "../support/models";

const withExtensions = (names: string[] | undefined, tables = [table("t", { columns: [column("id", "uuid", { nullable: false, default: "uuid_generate_v4()" })] })]): SchemaModel => ({
  ...model("postgres", tables),
  ...(names === undefined ? {} : { extensions: names.map((name) => ({ name })) }),
});

describe("compareSchemas: PostgreSQL extensions (docs/schema-objects.md)", () => {
  it("creates a needed extension first, before the tables", () => {
    const ops = compareSchemas(withExtensions(["uuid-ossp"]), withExtensions([], []));
    expect(ops.map((o) => o.kind)).to.deep.equal(["createExtension", "createTable"]);
    expect(describeOperations(ops)[0]).to.deep.equal({
      kind: "add_extension",
      schema: null,
      table: null,
      column: null,
      name: "uuid-ossp",
      details: { after: { name: "uuid-ossp" } },
    });
  });

  it("leaves an extension only the database has alone, unless includeObject returns true for it; then drops it last", () => {
    const target = withExtensions([], []);
    const actual = withExtensions(["hstore", "uuid-ossp"]);
    expect(compareSchemas(target, actual).map((o) => o.kind)).to.deep.equal(["dropTable"]);
    const asked: [string | null, string, boolean][] = [];
    const includeObject = (_o: FilterObject, name: string | null, type: string, reflected: boolean) => {
      if (type === "extension") asked.push([name, type, reflected]);
      return type !== "extension" || name === "hstore";
    };
    const ops = compareSchemas(target, actual, { includeObject });
    expect(ops.map((o) => o.kind)).to.deep.equal(["dropTable", "dropExtension"]);
    expect(ops[1]).to.deep.equal({ kind: "dropExtension", extension: { name: "hstore" }, onlyIfCreatedByRetort: false });
    expect(asked).to.deep.equal([["hstore", "extension", true], ["uuid-ossp", "extension", true]]);
  });

  it("does not compare extensions when either side did not look at them", () => {
    expect(compareSchemas(withExtensions(["uuid-ossp"]), withExtensions(undefined))).to.deep.equal([]);
    expect(compareSchemas(withExtensions(undefined), withExtensions(["uuid-ossp"]), { includeObject: () => true })).to.deep.equal([]);
  });
});
