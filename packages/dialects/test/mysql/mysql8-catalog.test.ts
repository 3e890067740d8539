import { column, columnType } from "@retort/core";
import { expect } from "chai";
import { buildColumn, columnParsers } from "../../src/mysql/build-column";
import type { ColumnRow } from "../../src/mysql/catalog-queries";

/**
 * There is no MySQL 8 server here: these rows are spelled as the MySQL 8.0 reference
 * manual ("The INFORMATION_SCHEMA COLUMNS Table") documents them — literal defaults
 * bare, SQL NULL for none, DEFAULT_GENERATED in EXTRA for expression defaults,
 * display widths gone except tinyint(1), string-escaped expressions — and must read
 * as the same model as MariaDB's spelling of the same DDL.
 */
function row(fields: Partial<ColumnRow> & Pick<ColumnRow, "column_name" | "column_type">): ColumnRow {
  return {
    table_schema: "app",
    table_name: "t",
    ordinal_position: 1,
    is_nullable: "YES",
    column_default: null,
    extra: "",
    generation_expression: "",
    collation_name: null,
    column_comment: "",
    ...fields,
  };
}

const read = (r: ColumnRow, dialect: "mysql" | "mariadb" = "mysql") =>
  buildColumn(r, { parsers: columnParsers(dialect), tableCollation: "utf8mb4_0900_ai_ci", hasJsonCheck: () => false });

describe("MySQL 8 catalog spellings", () => {
  it("quotes bare literal defaults of string columns back, keeps numbers bare", () => {
    expect(read(row({ column_name: "s", column_type: "varchar(20)", column_default: "it's" })).default).to.equal(
      "'it''s'",
    );
    expect(read(row({ column_name: "e", column_type: "enum('a','b')", column_default: "a" })).default).to.equal("'a'");
    expect(read(row({ column_name: "d", column_type: "decimal(10,2)", column_default: "0.00" })).default).to.equal("0");
    expect(read(row({ column_name: "b", column_type: "tinyint(1)", column_default: "1" })).default).to.equal("1");
    expect(read(row({ column_name: "x", column_type: "bit(1)", column_default: "b'1'" })).default).to.equal("1");
    expect(read(row({ column_name: "n", column_type: "int", column_default: null })).default).to.equal(null);
  });

  it("reads DEFAULT_GENERATED values as expressions", () => {
    const created = row({
      column_name: "created",
      column_type: "datetime(6)",
      column_default: "CURRENT_TIMESTAMP(6)",
      extra: "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)",
    });
    expect(read(created)).to.deep.equal(
      column("created", columnType("datetime", { precision: 6 }), { default: "CURRENT_TIMESTAMP(6)", onUpdate: "CURRENT_TIMESTAMP(6)" }),
    );
    const concat = row({
      column_name: "c",
      column_type: "varchar(10)",
      column_default: "concat(_utf8mb4\\'a\\',_utf8mb4\\'b\\')",
      extra: "DEFAULT_GENERATED",
    });
    expect(read(concat).default).to.equal("concat('a','b')");
  });

  it("reads generated columns with escaped quotes", () => {
    const full = row({
      column_name: "full_name",
      column_type: "varchar(60)",
      extra: "STORED GENERATED",
      generation_expression: "concat(`first`,_utf8mb4\\' \\',`last`)",
      collation_name: "utf8mb4_0900_ai_ci",
    });
    expect(read(full)).to.deep.equal(
      column("full_name", columnType("varchar", { length: 60 }), {
        generated: { expression: "concat(first,' ',last)", stored: true },
      }),
    );
  });

  it("reads the same model from MariaDB's spelling of the same columns", () => {
    const pairs: [Partial<ColumnRow>, Partial<ColumnRow>][] = [
      [
        { column_type: "int", column_default: "5" },
        { column_type: "int(11)", column_default: "5" },
      ],
      [
        { column_type: "varchar(5)", column_default: "abc" },
        { column_type: "varchar(5)", column_default: "'abc'" },
      ],
      [
        { column_type: "timestamp", column_default: "CURRENT_TIMESTAMP", extra: "DEFAULT_GENERATED" },
        { column_type: "timestamp", column_default: "current_timestamp()" },
      ],
      [
        { column_type: "bigint unsigned", column_default: null },
        { column_type: "bigint(20) unsigned", column_default: "NULL" },
      ],
    ];
    for (const [mysql, mariadb] of pairs) {
      const a = read(row({ column_name: "c", column_type: "", ...mysql }), "mysql");
      const b = read(row({ column_name: "c", column_type: "", ...mariadb }), "mariadb");
      expect(a, JSON.stringify(mysql)).to.deep.equal(b);
    }
  });
});
