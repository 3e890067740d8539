import { expect } from "chai";
import type { Operation } from "@retort/core";
import { compareSchemas, describeOperations } from "../../src";
import { kindsOf } from "../support/kinds";
import { column, columnType, fk, model, table, userAndPost, withTable } from "../support/models";

describe("compareSchemas: tables and columns", () => {
  const base = model("postgres", userAndPost());

  it("finds nothing between a model and itself", () => {
    expect(compareSchemas(base, base)).to.deep.equal([]);
  });

  it("creates new tables with everything they hold, referenced tables first", () => {
    const target = model("postgres", userAndPost());
    const actual = model("postgres", []);
    const ops = compareSchemas(target, actual);
    expect(ops.map((o) => o.kind)).to.deep.equal(["createTable", "createTable"]);
    expect(ops.map((o) => (o.kind === "createTable" ? o.table.name : ""))).to.deep.equal(["user", "post"]);
    expect(kindsOf(ops)).to.deep.equal(["add_table", "add_table"]);
  });

  it("drops tables referencing tables first", () => {
    const ops = compareSchemas(model("postgres", []), base);
    expect(ops.map((o) => (o.kind === "dropTable" ? o.table.name : o.kind))).to.deep.equal(["post", "user"]);
    expect(kindsOf(ops)).to.deep.equal(["remove_table", "remove_table"]);
  });

  it("breaks a foreign-key cycle between new tables with a later createForeignKey, reported inside add_table", () => {
    const a = table("a", { columns: [column("id", "integer", { nullable: false }), column("b_id", "integer")], primaryKey: { name: null, columns: ["id"] }, foreignKeys: [fk("FK_a_b", ["b_id"], "b", ["id"])] });
    const b = table("b", { columns: [column("id", "integer", { nullable: false }), column("a_id", "integer")], primaryKey: { name: null, columns: ["id"] }, foreignKeys: [fk("FK_b_a", ["a_id"], "a", ["id"])] });
    const ops = compareSchemas(model("postgres", [a, b]), model("postgres", []));
    expect(ops.map((o) => o.kind)).to.deep.equal(["createTable", "createTable", "createForeignKey"]);
    expect(kindsOf(ops)).to.deep.equal(["add_table", "add_table"]);
    const dropped = compareSchemas(model("postgres", []), model("postgres", [a, b]));
    expect(dropped.map((o) => o.kind)).to.deep.equal(["dropConstraint", "dropTable", "dropTable"]);
    expect(kindsOf(dropped)).to.deep.equal(["remove_table", "remove_table"]);
  });

  it("adds and drops columns", () => {
    const target = model("postgres", withTable(userAndPost(), "user", (t) => ({ columns: [...t.columns, column("name", "text", { nullable: false, default: "'x'" })] })));
    const ops = compareSchemas(target, base);
    expect(ops).to.deep.equal([{ kind: "addColumn", schema: null, table: "user", column: column("name", "text", { nullable: false, default: "'x'" }) }]);
    expect(describeOperations(ops)).to.deep.equal([
      {
        kind: "add_column",
        schema: null,
        table: "user",
        column: "name",
        name: null,
        details: { after: { type: "text", nullable: false, default: "'x'", autoIncrement: null, generated: null, comment: null } },
      },
    ]);
    expect(kindsOf(compareSchemas(base, target))).to.deep.equal(["remove_column"]);
  });

  it("gives one entry per changed attribute, with before and after", () => {
    const target = model(
      "postgres",
      withTable(userAndPost(), "user", (t) => ({
        columns: [t.columns[0], column("email", columnType("varchar", { length: 320 }), { nullable: false, default: "''", comment: "login" })],
      })),
    );
    const ops = compareSchemas(target, base);
    expect(ops).to.have.length(1);
    const op = ops[0] as Extract<Operation, { kind: "alterColumn" }>;
    expect(op.existing).to.deep.equal(base.tables[1].columns[1]);
    expect(describeOperations(ops).map((e) => [e.kind, e.column, e.details.before, e.details.after])).to.deep.equal([
      ["modify_type", "email", "varchar(255)", "varchar(320)"],
      ["modify_nullable", "email", true, false],
      ["modify_default", "email", null, "''"],
      ["modify_comment", "email", null, "login"],
    ]);
  });

  it("reports a table comment change as modify_table_comment", () => {
    const target = model("postgres", withTable(userAndPost(), "user", () => ({ comment: "people's accounts" })));
    const entries = describeOperations(compareSchemas(target, base));
    expect(entries).to.deep.equal([
      { kind: "modify_table_comment", schema: null, table: "user", column: null, name: null, details: { before: null, after: "people's accounts" } },
    ]);
  });

  it("ignores comments on SQLite, which keeps none", () => {
    const target = model("sqlite", withTable(userAndPost(), "user", (t) => ({ comment: "c", columns: t.columns.map((c) => ({ ...c, comment: "c" })) })));
    expect(compareSchemas(target, model("sqlite", userAndPost()))).to.deep.equal([]);
  });

  it("honours compareType: false, a callback, and undefined meaning the default rule", () => {
    const target = model("postgres", withTable(userAndPost(), "user", (t) => ({ columns: [t.columns[0], column("email", "text")] })));
    expect(compareSchemas(target, base, { compareType: false })).to.deep.equal([]);
    const seen: string[] = [];
    const ops = compareSchemas(target, base, {
      compareType: (ctx) => {
        seen.push(`${ctx.table}.${ctx.target.name}:${ctx.actualType.name}->${ctx.targetType.name}:${ctx.defaultRule}`);
        return ctx.target.name === "email" ? false : undefined;
      },
    });
    expect(ops).to.deep.equal([]);
    expect(seen).to.include("user.email:varchar->text:true");
    expect(kindsOf(compareSchemas(target, base, { compareType: () => undefined }))).to.deep.equal(["modify_type"]);
    expect(kindsOf(compareSchemas(base, base, { compareType: () => true }))).to.include("modify_type");
  });

  it("honours compareServerDefault the same way", () => {
    const target = model("postgres", withTable(userAndPost(), "user", (t) => ({ columns: [t.columns[0], { ...t.columns[1], default: "'a'" }] })));
    expect(compareSchemas(target, base, { compareServerDefault: false })).to.deep.equal([]);
    expect(compareSchemas(target, base, { compareServerDefault: (ctx) => (ctx.targetDefault === "'a'" ? false : undefined) })).to.deep.equal([]);
    expect(kindsOf(compareSchemas(target, base, { compareServerDefault: () => undefined }))).to.deep.equal(["modify_default"]);
  });

  it("fills in the engine's implicit type parameters (timestamp is timestamp(6) on PostgreSQL, decimal is decimal(10,0) on MySQL)", () => {
    const pg = (precision: number | null) => model("postgres", [table("t", { columns: [column("at", columnType("timestamp", { precision }))] })]);
    expect(compareSchemas(pg(null), pg(6))).to.deep.equal([]);
    expect(kindsOf(compareSchemas(pg(3), pg(6)))).to.deep.equal(["modify_type"]);
    const my = (precision: number | null, scale: number | null) => model("mariadb", [table("t", { columns: [column("n", columnType("decimal", { precision, scale }))] })]);
    expect(compareSchemas(my(null, null), my(10, 0))).to.deep.equal([]);
    expect(kindsOf(compareSchemas(my(12, 2), my(10, 0)))).to.deep.equal(["modify_type"]);
  });

  it("reports MySQL inline enum value changes as modify_type", () => {
    const t = (values: string[]) => model("mariadb", [table("t", { columns: [column("mood", columnType("enum", { enumValues: values }))] })]);
    const entries = describeOperations(compareSchemas(t(["a", "b", "c"]), t(["a", "b"])));
    expect(entries.map((e) => [e.kind, e.details.before, e.details.after])).to.deep.equal([["modify_type", "enum('a','b')", "enum('a','b','c')"]]);
  });

  it("reports serial against identity on PostgreSQL as a type change, and treats SQLite's rowid alias as no auto-increment", () => {
    const pg = (autoIncrement: "serial" | "identity-always") =>
      model("postgres", [table("t", { columns: [column("id", "integer", { nullable: false, autoIncrement })], primaryKey: { name: null, columns: ["id"] } })]);
    const entries = describeOperations(compareSchemas(pg("identity-always"), pg("serial")));
    expect(entries.map((e) => [e.kind, e.details.before, e.details.after])).to.deep.equal([
      ["modify_type", "integer serial", "integer generated always as identity"],
    ]);
    const lite = (autoIncrement: "rowid" | null) =>
      model("sqlite", [table("t", { columns: [column("id", "integer", { nullable: false, autoIncrement })], primaryKey: { name: null, columns: ["id"] } })]);
    expect(compareSchemas(lite(null), lite("rowid"))).to.deep.equal([]);
  });

  it("does not see a serial's nextval() default as a default of its own", () => {
    const pg = (def: string | null) =>
      model("postgres", [table("t", { columns: [column("id", "integer", { nullable: false, autoIncrement: "serial", default: def })] })]);
    expect(compareSchemas(pg(null), pg("nextval('t_id_seq'::regclass)"))).to.deep.equal([]);
  });

  it("drops and adds a generated column whose expression changed", () => {
    const g = (expression: string) =>
      model("postgres", [table("t", { columns: [column("a", "integer"), column("b", "integer", { generated: { expression, stored: true } })] })]);
    expect(kindsOf(compareSchemas(g("(a * 2)"), g("(a * 3)")))).to.deep.equal(["remove_column", "add_column"]);
  });
});

describe("compareSchemas: defaults the engine canonicalises", () => {
  const jsonb = (def: string) => model("postgres", [table("t", { columns: [column("doc", "jsonb", { default: def })] })]);

  it("compares jsonb literal defaults as JSON values (PostgreSQL reorders keys and drops spaces)", () => {
    expect(compareSchemas(jsonb(`'{"countryCode":"fr", "numero":""}'`), jsonb(`'{"numero": "", "countryCode": "fr"}'::jsonb`))).to.deep.equal([]);
    expect(kindsOf(compareSchemas(jsonb(`'{"a":1}'`), jsonb(`'{"a": 2}'::jsonb`)))).to.deep.equal(["modify_default"]);
  });

  it("keeps comparing other types' defaults as text", () => {
    const json = (def: string) => model("postgres", [table("t", { columns: [column("doc", "json", { default: def })] })]);
    expect(kindsOf(compareSchemas(json(`'{"a":1}'`), json(`'{"a": 1}'`)))).to.deep.equal(["modify_default"]);
  });
});
