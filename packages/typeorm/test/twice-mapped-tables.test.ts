import { expect } from "chai";
import { column, index, table } from "@retort/core";
import { mergeTwiceMappedTables } from "../src/model/twice-mapped-tables";

/** The merge rules of docs/schema-objects.md, "A table mapped twice", on hand-made models (the engines' behaviour is in packages/cli/test/sync-objects). */
describe("mergeTwiceMappedTables", () => {
  const int = (name: string) => column(name, "integer", { nullable: false });
  const entity = table("post_tags", {
    columns: [int("tagId"), int("postId"), column("note", "text")],
    primaryKey: { name: "PK_entity", columns: ["tagId", "postId"] },
    indexes: [index("IDX_shared", ["tagId"])],
  });
  const junction = table("post_tags", {
    columns: [int("postId"), column("tagId", "bigint", { nullable: false })],
    primaryKey: { name: "PK_junction", columns: ["postId", "tagId"] },
    indexes: [index("IDX_shared", ["tagId"]), index("IDX_post", ["postId"])],
  });

  it("keeps one table: the first mapping's key and column order, the later one's definitions, both mappings' indexes", () => {
    const [merged, ...rest] = mergeTwiceMappedTables([entity, table("other"), junction]);
    expect(rest.map((t) => t.name)).to.deep.equal(["other"]);
    expect(merged!.columns.map((c) => `${c.name} ${c.type.name}`)).to.deep.equal(["tagId bigint", "postId integer"]);
    expect(merged!.primaryKey).to.deep.equal({ name: "PK_entity", columns: ["tagId", "postId"] });
    expect(merged!.indexes.map((i) => i.name)).to.deep.equal(["IDX_post", "IDX_shared"]);
  });

  it("takes the later key when it has another number of columns, more than one", () => {
    const single = table("post_tags", { columns: [int("tagId"), int("postId")], primaryKey: { name: "PK_one", columns: ["tagId"] } });
    expect(mergeTwiceMappedTables([single, junction])[0]!.primaryKey).to.deep.equal(junction.primaryKey);
  });

  it("leaves tables of other names, and of the same name in another schema, apart", () => {
    const elsewhere = { ...junction, schema: "archive" };
    expect(mergeTwiceMappedTables([entity, elsewhere])).to.have.length(2);
  });
});
