import { expect } from "chai";
import { column, columnType, reverseAll, table, type Operation } from "@retort/core";
import { applyRenames, InvalidRenameError, renameHints, renderMigration, RenameMismatchError } from "../src";
import { addColumn, dropColumn, input, on, posts } from "./fixtures";

const nameCol = column("name", columnType("varchar", { length: 50 }));
const fullName = column("full_name", columnType("varchar", { length: 100 }), { nullable: false });

describe("rename hints", () => {
  it("hints at a column rename when a table loses one column and gains one of a compatible type", async () => {
    const ops = [dropColumn("users", nameCol), addColumn("users", fullName)];
    const { source, hints } = await renderMigration(input(ops));
    expect(hints.map((h) => h.request)).to.deep.equal(["users.name=full_name"]);
    expect(hints[0]!.message).to.include("--rename users.name=full_name");
    expect(source).to.include('//   await op.alterColumn("users", "name", { newName: "full_name" });');
    expect(source).to.include("// (or generate again with --rename users.name=full_name)");
    // the hint sits right above the add
    const l = source.split("\n").map((x) => x.trim());
    expect(l[l.findIndex((x) => x.startsWith('await op.addColumn("users"')) - 1]).to.equal(
      "// (or generate again with --rename users.name=full_name)",
    );
  });

  it("gives no hint for incompatible types, several candidates, or a new table", () => {
    expect(renameHints([dropColumn("users", nameCol), addColumn("users", column("age", "integer"))])).to.deep.equal([]);
    expect(
      renameHints([dropColumn("users", nameCol), addColumn("users", fullName), addColumn("users", column("nick", "text"))]),
    ).to.deep.equal([]);
    expect(renameHints([dropColumn("a", nameCol), addColumn("b", fullName)])).to.deep.equal([]);
  });

  it("hints at a table rename when a table disappears and a near-identical one appears", async () => {
    const articles = { ...posts, name: "articles" };
    const ops: Operation[] = [{ kind: "createTable", table: articles }, { kind: "dropTable", table: posts }];
    const { source, hints } = await renderMigration(input(ops));
    expect(hints.map((h) => [h.kind, h.request])).to.deep.equal([["table", "posts=articles"]]);
    expect(source).to.include('//   await op.renameTable("posts", "articles");');
    const unrelated = table("tags", { columns: [column("label", "text"), column("colour", "text")] });
    expect(renameHints([{ kind: "createTable", table: unrelated }, { kind: "dropTable", table: posts }])).to.deep.equal([]);
  });

  it("gives no table hint when two candidates tie", () => {
    const a = { ...posts, name: "a" };
    const b = { ...posts, name: "b" };
    expect(renameHints([{ kind: "createTable", table: a }, { kind: "createTable", table: b }, { kind: "dropTable", table: posts }])).to.deep.equal([]);
  });
});

describe("applyRenames", () => {
  it("turns a confirmed column drop + add into one alterColumn carrying every change", () => {
    const ops = [dropColumn("users", nameCol), addColumn("users", column("age", "integer")), addColumn("users", fullName)];
    const out = applyRenames(ops, { columns: ["users.name=full_name"] });
    expect(out).to.have.length(2);
    expect(out[0]).to.deep.equal({
      kind: "alterColumn",
      schema: null,
      table: "users",
      column: "name",
      changes: {
        name: { from: "name", to: "full_name" },
        type: { from: nameCol.type, to: fullName.type },
        nullable: { from: true, to: false },
      },
      existing: nameCol,
    });
    expect(out[1]).to.deep.equal(ops[1]);
    // and it reverses to the original column
    expect(reverseAll(out)[1]).to.include({ kind: "alterColumn", column: "full_name" });
  });

  it("renders a confirmed rename as alterColumn with newName, and no hint", async () => {
    const ops = applyRenames([dropColumn("users", nameCol), addColumn("users", fullName)], { columns: ["users.name=full_name"] });
    const { source, hints } = await renderMigration(input(ops));
    expect(hints).to.deep.equal([]);
    expect(source).to.include('await op.alterColumn("users", "name", {\n    newName: "full_name",');
    expect(source).to.include('await op.alterColumn("users", "full_name", {\n    newName: "name",');
  });

  it("finds the pair inside a batchAlterTable block and in a non-default schema", () => {
    const batch: Operation = {
      kind: "batchAlterTable",
      ...on("users", "app"),
      recreate: "auto",
      operations: [
        { kind: "dropColumn", ...on("users", "app"), column: nameCol },
        { kind: "addColumn", ...on("users", "app"), column: fullName },
      ],
    };
    const [out] = applyRenames([batch], { columns: ["app.users.name=full_name"] });
    expect(out).to.have.property("kind", "batchAlterTable");
    const inner = (out as Extract<Operation, { kind: "batchAlterTable" }>).operations;
    expect(inner.map((o) => o.kind)).to.deep.equal(["alterColumn"]);
  });

  it("turns a confirmed table drop + create into renameTable plus the differences", () => {
    const articles = {
      ...posts,
      name: "articles",
      columns: [...posts.columns.filter((c) => c.name !== "body"), column("summary", "text")],
      comment: "Articles",
    };
    const ops: Operation[] = [{ kind: "createTable", table: articles }, { kind: "dropTable", table: posts }];
    const out = applyRenames(ops, { tables: ["posts=articles"] });
    expect(out.map((o) => o.kind)).to.deep.equal(["renameTable", "dropColumn", "addColumn", "alterTableComment"]);
    expect(out[0]).to.deep.equal({ kind: "renameTable", schema: null, table: "posts", newName: "articles" });
    expect(out[1]).to.include({ table: "articles" });
  });

  it("says clearly when a requested rename does not match", () => {
    const ops = [dropColumn("users", nameCol), addColumn("users", fullName)];
    expect(() => applyRenames(ops, { columns: ["users.nme=full_name"] }))
      .to.throw(RenameMismatchError)
      .with.property("message")
      .that.includes('drops no column "nme" from "users" (it drops "name")');
    expect(() => applyRenames(ops, { columns: ["users.name=fullname"] }))
      .to.throw(RenameMismatchError)
      .with.property("message")
      .that.includes('adds no column "fullname" to "users" (it adds "full_name")');
    expect(() => applyRenames(ops, { tables: ["a=b"] }))
      .to.throw(RenameMismatchError)
      .with.property("message")
      .that.includes('drops no table "a" (it drops: none)');
    expect(() => applyRenames(ops, { columns: ["users.name=full_name"] })).not.to.throw();
    try {
      applyRenames(ops, { columns: ["nope.name=full_name"] });
      expect.fail("should throw");
    } catch (e) {
      expect(e).to.have.property("code", "rename_not_found");
    }
  });

  it("rejects malformed requests", () => {
    for (const bad of ["users.name", "name=full", "a.b.c.d=e", "users.name=x=y", "users.name=a.b"]) {
      expect(() => applyRenames([], { columns: [bad] }), bad).to.throw(InvalidRenameError);
    }
    expect(() => applyRenames([], { tables: ["a.b.c=d"] })).to.throw(InvalidRenameError);
  });
});
