import { expect } from "chai";
import { index, type IndexModel, type TableModel } from "@retort/core";
import { compareSchemas, describeOperations } from "../../src";
import { kindsOf } from "../support/kinds";
import { column, fk, model, userAndPost, withTable } from "../support/models";

const base = userAndPost();
const onUser = (edit: (t: TableModel) => Partial<TableModel>, dialect: "postgres" | "mariadb" | "sqlite" = "postgres") =>
  model(dialect, withTable(base, "user", edit));
const onPost = (edit: (t: TableModel) => Partial<TableModel>, dialect: "postgres" | "mariadb" | "sqlite" = "postgres") =>
  model(dialect, withTable(base, "post", edit));

describe("compareSchemas: indexes and constraints", () => {
  const actual = model("postgres", base);

  describe("indexes", () => {
    const idx = (fields: Partial<IndexModel> = {}) => index("IDX_email", ["email"], fields);

    it("adds and removes an index, with its name and columns", () => {
      const target = onUser(() => ({ indexes: [idx()] }));
      const entries = describeOperations(compareSchemas(target, actual));
      expect(entries).to.deep.equal([
        { kind: "add_index", schema: null, table: "user", column: null, name: "IDX_email", details: { after: { columns: ["email"], unique: false, where: null, method: null } } },
      ]);
      expect(kindsOf(compareSchemas(actual, target))).to.deep.equal(["remove_index"]);
    });

    for (const [what, changed] of [
      ["columns", index("IDX_email", ["email", "id"])],
      ["uniqueness", idx({ unique: true })],
      ["predicate", idx({ where: "(email IS NOT NULL)" })],
      ["method", idx({ method: "hash" })],
      ["direction", index("IDX_email", [{ column: "email", expression: null, descending: true }])],
    ] as const) {
      it(`drops and creates again an index whose ${what} changed (no modify_index)`, () => {
        const entries = describeOperations(compareSchemas(onUser(() => ({ indexes: [changed] })), onUser(() => ({ indexes: [idx()] }))));
        expect(entries.map((e) => [e.kind, e.name])).to.deep.equal([
          ["remove_index", "IDX_email"],
          ["add_index", "IDX_email"],
        ]);
      });
    }
  });

  describe("unique constraints", () => {
    it("adds, removes and replaces a unique constraint by name", () => {
      const uq = (columns: string[]) => onUser(() => ({ uniques: [{ name: "UQ_email", columns, deferrable: null }] }));
      expect(kindsOf(compareSchemas(uq(["email"]), actual))).to.deep.equal(["add_unique"]);
      expect(kindsOf(compareSchemas(actual, uq(["email"])))).to.deep.equal(["remove_unique"]);
      expect(describeOperations(compareSchemas(uq(["email", "id"]), uq(["email"]))).map((e) => [e.kind, e.name])).to.deep.equal([
        ["remove_unique", "UQ_email"],
        ["add_unique", "UQ_email"],
      ]);
    });

    it("matches SQLite's unnamed unique constraints by columns", () => {
      const named = onUser(() => ({ uniques: [{ name: "UQ_email", columns: ["email"], deferrable: null }] }), "sqlite");
      const unnamed = onUser(() => ({ uniques: [{ name: null, columns: ["email"], deferrable: null }] }), "sqlite");
      expect(compareSchemas(named, unnamed)).to.deep.equal([]);
      expect(compareSchemas(unnamed, named)).to.deep.equal([]);
    });

    it("on MySQL/MariaDB, a model unique constraint and a reflected unique index of the same name and columns are one object", () => {
      const constraint = onUser(() => ({ uniques: [{ name: "UQ_email", columns: ["email"], deferrable: null }] }), "mariadb");
      const uniqueIndex = onUser(() => ({ indexes: [index("UQ_email", ["email"], { unique: true })] }), "mariadb");
      expect(compareSchemas(constraint, uniqueIndex)).to.deep.equal([]);
      expect(compareSchemas(uniqueIndex, constraint)).to.deep.equal([]);
    });

    it("on MySQL/MariaDB, reports add_unique for a model unique constraint and add_index for a model unique index", () => {
      const none = model("mariadb", base);
      expect(kindsOf(compareSchemas(onUser(() => ({ uniques: [{ name: "UQ_email", columns: ["email"], deferrable: null }] }), "mariadb"), none))).to.deep.equal(["add_unique"]);
      expect(kindsOf(compareSchemas(onUser(() => ({ indexes: [index("UQ_email", ["email"], { unique: true })] }), "mariadb"), none))).to.deep.equal(["add_index"]);
    });

    it("on PostgreSQL, a unique constraint and a unique index are different objects", () => {
      const constraint = onUser(() => ({ uniques: [{ name: "UQ_email", columns: ["email"], deferrable: null }] }));
      const uniqueIndex = onUser(() => ({ indexes: [index("UQ_email", ["email"], { unique: true })] }));
      expect(kindsOf(compareSchemas(constraint, uniqueIndex))).to.deep.equal(["remove_index", "add_unique"]);
    });
  });

  describe("primary keys", () => {
    it("matches primary keys by columns, not by name", () => {
      expect(compareSchemas(model("postgres", base), onUser((t) => ({ primaryKey: { name: "user_pkey", columns: t.primaryKey?.columns ?? [] } })))).to.deep.equal([]);
    });

    it("adds, removes and replaces primary keys", () => {
      const without = onUser(() => ({ primaryKey: null }));
      expect(kindsOf(compareSchemas(actual, without))).to.deep.equal(["add_pk"]);
      expect(kindsOf(compareSchemas(without, actual))).to.deep.equal(["remove_pk"]);
      const wider = onUser(() => ({ primaryKey: { name: "PK_user", columns: ["id", "email"] } }));
      const entries = describeOperations(compareSchemas(wider, actual));
      expect(entries.map((e) => [e.kind, e.details.before ?? e.details.after])).to.deep.equal([
        ["remove_pk", { columns: ["id"] }],
        ["add_pk", { columns: ["id", "email"] }],
      ]);
    });
  });

  describe("foreign keys", () => {
    it("reports a key renamed with the same signature as remove_fk of the old name plus add_fk of the new", () => {
      for (const dialect of ["postgres", "mariadb"] as const) {
        const renamed = onPost(() => ({ foreignKeys: [fk("post_user_id_fkey", ["user_id"], "user", ["id"])] }), dialect);
        const entries = describeOperations(compareSchemas(renamed, model(dialect, base)));
        expect(entries.map((e) => [e.kind, e.name]), dialect).to.deep.equal([
          ["remove_fk", "FK_post_user"],
          ["add_fk", "post_user_id_fkey"],
        ]);
      }
    });

    it("reports no rename where a side has no name, or on SQLite, which keeps none", () => {
      const named = (dialect: "postgres" | "sqlite", name: string | null) =>
        onPost(() => ({ foreignKeys: [fk(name, ["user_id"], "user", ["id"])] }), dialect);
      expect(compareSchemas(named("sqlite", "post_user_id_fkey"), named("sqlite", "FK_post_user"))).to.deep.equal([]);
      expect(compareSchemas(named("sqlite", "FK_post_user"), named("sqlite", null))).to.deep.equal([]);
      expect(compareSchemas(named("postgres", null), named("postgres", "FK_post_user"))).to.deep.equal([]);
      expect(compareSchemas(named("postgres", "FK_post_user"), named("postgres", null))).to.deep.equal([]);
    });

    it("on MySQL, a renamed key's InnoDB index goes with it: checked at run time, or by its column for an unnamed key", () => {
      const named = (name: string) => onPost(() => ({ foreignKeys: [fk(name, ["user_id"], "user", ["id"])] }), "mariadb");
      const ops = compareSchemas(named("post_user_id_fkey"), model("mariadb", base));
      expect(ops.map((o) => [o.kind, o.kind === "dropConstraint" ? o.implicitIndex : undefined])).to.deep.equal([
        ["dropConstraint", true],
        ["createForeignKey", undefined],
      ]);
      const fromUnnamed = compareSchemas(named("post_user_id_fkey"), named("post_ibfk_1"));
      expect(fromUnnamed.map((o) => (o.kind === "dropIndex" ? `dropIndex ${o.index.name}` : o.kind))).to.deep.equal([
        "dropConstraint",
        "dropIndex user_id",
        "createForeignKey",
      ]);
      const covered = onPost(() => ({ foreignKeys: [fk("post_ibfk_1", ["user_id"], "user", ["id"])], indexes: [index("IDX_user", ["user_id"])] }), "mariadb");
      const coveredTarget = onPost(() => ({ foreignKeys: [fk("post_user_id_fkey", ["user_id"], "user", ["id"])], indexes: [index("IDX_user", ["user_id"])] }), "mariadb");
      expect(compareSchemas(coveredTarget, covered).map((o) => o.kind)).to.deep.equal(["dropConstraint", "createForeignKey"]);
    });

    it("reports a changed action as remove_fk plus add_fk of the same name", () => {
      const cascade = onPost(() => ({ foreignKeys: [fk("FK_post_user", ["user_id"], "user", ["id"], { onDelete: "CASCADE" })] }));
      const entries = describeOperations(compareSchemas(cascade, actual));
      expect(entries.map((e) => [e.kind, e.name, e.column])).to.deep.equal([
        ["remove_fk", "FK_post_user", null],
        ["add_fk", "FK_post_user", null],
      ]);
      expect(entries[1].details.after).to.include({ referencedTable: "user", onDelete: "CASCADE", onUpdate: "NO ACTION" });
    });

    it("adds and removes foreign keys", () => {
      const without = onPost(() => ({ foreignKeys: [] }));
      expect(kindsOf(compareSchemas(actual, without))).to.deep.equal(["add_fk"]);
      expect(kindsOf(compareSchemas(without, actual))).to.deep.equal(["remove_fk"]);
    });

    it("treats NO ACTION and RESTRICT alike on MySQL/MariaDB only", () => {
      const act = (dialect: "postgres" | "mariadb", onDelete: "NO ACTION" | "RESTRICT") =>
        onPost(() => ({ foreignKeys: [fk("FK_post_user", ["user_id"], "user", ["id"], { onDelete, onUpdate: onDelete })] }), dialect);
      expect(compareSchemas(act("mariadb", "NO ACTION"), act("mariadb", "RESTRICT"))).to.deep.equal([]);
      expect(kindsOf(compareSchemas(act("postgres", "NO ACTION"), act("postgres", "RESTRICT")))).to.deep.equal(["remove_fk", "add_fk"]);
    });

    it("ignores MySQL's implicit index behind a foreign key", () => {
      const withImplicit = onPost(() => ({ indexes: [index("FK_post_user", ["user_id"])] }), "mariadb");
      expect(compareSchemas(model("mariadb", base), withImplicit)).to.deep.equal([]);
    });

    it("on MySQL, drops InnoDB's index with a key nothing else needs, and keeps it for a key that stays", () => {
      const noFk = model("mariadb", withTable(base, "post", () => ({ foreignKeys: [] })));
      const ops = compareSchemas(noFk, model("mariadb", base));
      expect(ops.map((o) => o.kind)).to.deep.equal(["dropConstraint", "dropIndex"]);
      expect(describeOperations(ops).map((e) => [e.kind, e.name])).to.deep.equal([
        ["remove_fk", "FK_post_user"],
        ["remove_index", "FK_post_user"],
      ]);
      const changed = onPost(() => ({ foreignKeys: [fk("FK_post_user", ["user_id"], "user", ["id"], { onDelete: "CASCADE" })] }), "mariadb");
      expect(kindsOf(compareSchemas(changed, model("mariadb", base)))).to.deep.equal(["remove_fk", "add_fk"]);
      const covered = onPost(() => ({ indexes: [index("IDX_user", ["user_id"])] }), "mariadb");
      expect(kindsOf(compareSchemas(noFk, covered))).to.deep.equal(["remove_fk", "remove_index"]);
      expect(compareSchemas(noFk, covered).map((o) => (o.kind === "dropIndex" ? o.index.name : o.kind))).to.deep.equal(["dropConstraint", "IDX_user"]);
    });

    it("on MySQL, drops and re-creates a kept key whose only index goes away", () => {
      const covered = onPost(() => ({ indexes: [index("IDX_user", ["user_id"])] }), "mariadb");
      const ops = compareSchemas(model("mariadb", base), covered);
      expect(ops.map((o) => o.kind)).to.deep.equal(["dropConstraint", "dropIndex", "createForeignKey"]);
      expect(kindsOf(compareSchemas(model("postgres", base), onPost(() => ({ indexes: [index("IDX_user", ["user_id"])] }))))).to.deep.equal(["remove_index"]);
    });

    it("on MySQL, drops and re-creates a key whose columns change type, on either side", () => {
      const retyped = (dialect: "mariadb" | "postgres") =>
        model(dialect, withTable(withTable(base, "user", (t) => ({ columns: [column("id", "bigint", { nullable: false }), t.columns[1]] })), "post", (t) => ({
          columns: [t.columns[0], column("user_id", "bigint")],
        })));
      expect(compareSchemas(retyped("mariadb"), model("mariadb", base)).map((o) => o.kind)).to.deep.equal([
        "dropConstraint",
        "alterColumn",
        "alterColumn",
        "createForeignKey",
      ]);
      expect(kindsOf(compareSchemas(retyped("postgres"), model("postgres", base)))).to.deep.equal(["modify_type", "modify_type"]);
      const onlyReferenced = model("mariadb", withTable(base, "user", (t) => ({ columns: [column("id", "bigint", { nullable: false }), t.columns[1]] })));
      expect(kindsOf(compareSchemas(onlyReferenced, model("mariadb", base)))).to.deep.equal(["remove_fk", "modify_type", "add_fk"]);
    });

    it("drops foreign keys before the tables they reference and creates them after", () => {
      const noUser = model("postgres", [{ ...base[1], foreignKeys: [] }]);
      expect(compareSchemas(noUser, actual).map((o) => o.kind)).to.deep.equal(["dropConstraint", "dropTable"]);
      expect(compareSchemas(actual, noUser).map((o) => o.kind)).to.deep.equal(["createTable", "createForeignKey"]);
    });
  });

  describe("checks", () => {
    const check = (name: string | null, expression: string) => ({ name, expression });
    it("adds, removes and replaces named checks", () => {
      const ck = (e: string) => onUser(() => ({ checks: [check("CHK_id", e)] }));
      expect(kindsOf(compareSchemas(ck("(id > 0)"), actual))).to.deep.equal(["add_check"]);
      expect(kindsOf(compareSchemas(actual, ck("(id > 0)")))).to.deep.equal(["remove_check"]);
      const entries = describeOperations(compareSchemas(ck("(id > 1)"), ck("(id > 0)")));
      expect(entries.map((e) => [e.kind, e.name, e.details.before ?? e.details.after])).to.deep.equal([
        ["remove_check", "CHK_id", { expression: "(id > 0)" }],
        ["add_check", "CHK_id", { expression: "(id > 1)" }],
      ]);
    });

    it("matches unnamed checks by expression, and named ones by name", () => {
      const unnamed = onUser(() => ({ checks: [check(null, "(id > 0)")] }), "sqlite");
      const named = onUser(() => ({ checks: [check("CHK_id", "(id > 0)")] }), "sqlite");
      expect(compareSchemas(named, unnamed)).to.deep.equal([]);
      const other = onUser(() => ({ checks: [check("CHK_other", "(id > 0)")] }), "sqlite");
      expect(kindsOf(compareSchemas(other, named))).to.deep.equal(["remove_check", "add_check"]);
    });
  });
});
