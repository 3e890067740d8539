import { expect } from "chai";
import { column, columnAfter, columnType, reverse, table, type SchemaModel } from "@retort/core";
import { compareSchemas, describeLine, describeOperations } from "../../src";

/** ON UPDATE and collation differences (docs/synchronize-features.md). */

const stamp = (fields: Parameters<typeof column>[2]) => column("at", columnType("timestamp", { precision: 6 }), { nullable: false, ...fields });

function oneTable(dialect: SchemaModel["dialect"], at: ReturnType<typeof column>): SchemaModel {
  return { dialect, defaultSchema: "app", schemas: [], tables: [table("stamp", { columns: [at] })], enums: [], views: [] };
}

const lines = (target: SchemaModel, actual: SchemaModel) => describeOperations(compareSchemas(target, actual)).map(describeLine);

describe("ON UPDATE and collation differences", () => {
  it("reports a removed ON UPDATE as modify_on_update, and the same one as none", () => {
    const withOnUpdate = oneTable("mariadb", stamp({ onUpdate: "CURRENT_TIMESTAMP(6)" }));
    expect(lines(oneTable("mariadb", stamp({})), withOnUpdate)).to.deep.equal(["~ modify on update stamp.at: CURRENT_TIMESTAMP(6) -> none"]);
    expect(lines(withOnUpdate, withOnUpdate)).to.deep.equal([]);
  });

  it("reports a changed collation as modify_collation on PostgreSQL, also from or to the default", () => {
    const c = (collation: string | null) => oneTable("postgres", column("name", "text", { collation }));
    expect(lines(c("POSIX"), c("C"))).to.deep.equal(["~ modify collation stamp.name: C -> POSIX"]);
    expect(lines(c(null), c("C"))).to.deep.equal(["~ modify collation stamp.name: C -> none"]);
  });

  it("on MySQL with the table's default known, a collation added or removed is a change; the default itself is none", () => {
    const entity = (collation: string | null) => oneTable("mariadb", column("name", "varchar(50)", { collation }));
    const reflected = (collation: string | null): SchemaModel => {
      const model = entity(collation);
      return { ...model, tables: [{ ...model.tables[0]!, defaultCollation: "utf8mb4_general_ci" }] };
    };
    expect(lines(entity("utf8mb4_bin"), reflected(null))).to.deep.equal(["~ modify collation stamp.name: none -> utf8mb4_bin"]);
    expect(lines(entity(null), reflected("utf8mb4_bin"))).to.deep.equal(["~ modify collation stamp.name: utf8mb4_bin -> none"]);
    expect(lines(entity("UTF8MB4_GENERAL_CI"), reflected(null))).to.deep.equal([]);
    expect(lines(entity("utf8mb4_bin"), reflected("utf8mb4_bin"))).to.deep.equal([]);
  });

  it("on MySQL without the table's default (not read from a database) compares collations only when both sides name one", () => {
    const c = (collation: string | null) => oneTable("mariadb", column("name", "varchar(50)", { collation }));
    expect(lines(c("utf8mb4_unicode_ci"), c("utf8mb4_bin"))).to.deep.equal(["~ modify collation stamp.name: utf8mb4_bin -> utf8mb4_unicode_ci"]);
    expect(lines(c("utf8mb4_general_ci"), c(null))).to.deep.equal([]);
    expect(lines(c(null), c("latin1_swedish_ci"))).to.deep.equal([]);
  });

  it("puts the change in the alterColumn, with the reverse restoring it", () => {
    const ops = compareSchemas(oneTable("mariadb", stamp({})), oneTable("mariadb", stamp({ onUpdate: "CURRENT_TIMESTAMP(6)" })));
    expect(ops).to.have.length(1);
    const op = ops[0]!;
    expect(op.kind === "alterColumn" && op.changes).to.deep.equal({ onUpdate: { from: "CURRENT_TIMESTAMP(6)", to: null } });
    const back = reverse(op);
    if (back.kind !== "alterColumn" || op.kind !== "alterColumn") throw new Error("expected alterColumn");
    expect(columnAfter(back.existing, back.changes).onUpdate).to.equal("CURRENT_TIMESTAMP(6)");
    expect(columnAfter(op.existing, op.changes).onUpdate).to.equal(null);
  });
});
