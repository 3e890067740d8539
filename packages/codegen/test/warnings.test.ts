import { expect } from "chai";
import { column, columnType, type ColumnType, type DialectName, type Operation } from "@retort/core";
import { destructiveWarning, narrowing, renderMigration } from "../src";
import { dropColumn, input, on, users } from "./fixtures";

function alter(from: ColumnType, to: ColumnType): Operation {
  return { kind: "alterColumn", ...on("t"), column: "c", changes: { type: { from, to } }, existing: column("c", from) };
}

describe("destructive operation warnings", () => {
  it("warns in the file and in the result for a dropped table and column", async () => {
    const ops: Operation[] = [{ kind: "dropTable", table: users }, dropColumn("posts", column("body", "text"))];
    const { source, warnings } = await renderMigration(input(ops));
    expect(warnings).to.deep.equal(['Drops table "users" and all its rows.', 'Drops column "posts.body" and its data.']);
    const l = source.split("\n").map((x) => x.trim());
    expect(l[l.indexOf('await op.dropTable("users");') - 1]).to.equal('// WARNING: Drops table "users" and all its rows.');
    expect(l[l.indexOf('await op.dropColumn("posts", "body");') - 1]).to.equal('// WARNING: Drops column "posts.body" and its data.');
  });

  it("does not warn about the downgrade, which undoes the upgrade's own additions", async () => {
    const { source, warnings } = await renderMigration(input([{ kind: "createTable", table: users }]));
    expect(warnings).to.deep.equal([]);
    expect(source).not.to.include("WARNING");
  });

  it("warns inside a batch block, above the batch call", async () => {
    const { source } = await renderMigration(input([dropColumn("posts", column("body", "text"))], { dialect: "sqlite" }));
    expect(source).to.include('    // WARNING: Drops column "posts.body" and its data.\n    batch.dropColumn("body");');
  });

  const t = columnType;
  const narrowingCases: [string, ColumnType, ColumnType, DialectName][] = [
    ["shorter varchar", t("varchar", { length: 100 }), t("varchar", { length: 50 }), "postgres"],
    ["unbounded text to varchar", t("text"), t("varchar", { length: 255 }), "postgres"],
    ["MySQL mediumtext to text", t("mediumtext"), t("text"), "mysql"],
    ["bigint to integer", t("bigint"), t("integer"), "postgres"],
    ["int to smallint", t("int"), t("smallint"), "mariadb"],
    ["signed to unsigned", t("int"), t("int", { unsigned: true }), "mysql"],
    ["lower numeric precision", t("numeric", { precision: 10, scale: 2 }), t("numeric", { precision: 8, scale: 2 }), "postgres"],
    ["lower numeric scale", t("numeric", { precision: 10, scale: 4 }), t("numeric", { precision: 10, scale: 2 }), "postgres"],
    ["unbounded numeric to bounded", t("numeric"), t("numeric", { precision: 12, scale: 2 }), "postgres"],
    ["double to real", t("double precision"), t("real"), "postgres"],
    ["lower timestamp precision", t("timestamp", { precision: 6 }), t("timestamp", { precision: 3 }), "postgres"],
    ["fewer MySQL enum values", t("enum", { enumValues: ["a", "b"] }), t("enum", { enumValues: ["a"] }), "mysql"],
    ["numeric to integer", t("numeric", { precision: 10, scale: 2 }), t("integer"), "postgres"],
    ["text to integer", t("text"), t("integer"), "postgres"],
    ["timestamp to date", t("timestamptz"), t("date"), "postgres"],
  ];
  for (const [title, from, to, dialect] of narrowingCases) {
    it(`warns when narrowing: ${title}`, () => {
      expect(narrowing(from, to, dialect), title).to.be.a("string");
      expect(destructiveWarning(alter(from, to), dialect)).to.match(/^Narrows "t\.c" from .+ to .+: possible data loss; .+\.$/);
    });
  }

  const wideningCases: [string, ColumnType, ColumnType, DialectName][] = [
    ["longer varchar", t("varchar", { length: 50 }), t("varchar", { length: 100 }), "postgres"],
    ["varchar to text", t("varchar", { length: 50 }), t("text"), "postgres"],
    ["integer to bigint", t("integer"), t("bigint"), "postgres"],
    ["higher precision", t("numeric", { precision: 8, scale: 2 }), t("numeric", { precision: 10, scale: 2 }), "postgres"],
    ["more enum values", t("enum", { enumValues: ["a"] }), t("enum", { enumValues: ["a", "b"] }), "mysql"],
    ["integer to numeric", t("integer"), t("numeric", { precision: 12, scale: 2 }), "postgres"],
    ["integer to text", t("integer"), t("text"), "postgres"],
    ["the same varchar", t("varchar", { length: 10 }), t("varchar", { length: 10 }), "sqlite"],
  ];
  for (const [title, from, to, dialect] of wideningCases) {
    it(`does not warn when widening: ${title}`, () => {
      expect(narrowing(from, to, dialect)).to.equal(null);
      expect(destructiveWarning(alter(from, to), dialect)).to.equal(null);
    });
  }

  it("warns when a PostgreSQL enum loses values", () => {
    const op: Operation = { kind: "alterEnum", schema: null, name: "mood", values: { from: ["a", "b", "c"], to: ["a"] } };
    expect(destructiveWarning(op, "postgres")).to.equal('Removes value(s) "b", "c" from enum "mood"; rows using them must change first.');
  });
});
