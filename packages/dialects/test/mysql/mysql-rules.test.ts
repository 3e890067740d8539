import { columnType } from "@retort/core";
import { expect } from "chai";
import { mysqlRules } from "../../src/mysql/rules";

const type = (sql: string) => mysqlRules.parseType(sql);

describe("mysqlRules.parseType", () => {
  it("maps synonyms to the server's canonical names", () => {
    const cases: [string, string][] = [
      ["integer", "int"],
      ["int4", "int"],
      ["int8", "bigint"],
      ["middleint", "mediumint"],
      ["numeric(10,2)", "decimal"],
      ["dec(10,2)", "decimal"],
      ["fixed(10,2)", "decimal"],
      ["real", "double"],
      ["double precision", "double"],
      ["bool", "boolean"],
      ["boolean", "boolean"],
      ["tinyint(1)", "boolean"],
      ["character varying(20)", "varchar"],
      ["national varchar(20)", "varchar"],
      ["nvarchar(20)", "varchar"],
      ["character(2)", "char"],
      ["nchar(2)", "char"],
      ["long varchar", "mediumtext"],
      ["long varbinary", "mediumblob"],
      ["geomcollection", "geometrycollection"],
    ];
    for (const [sql, name] of cases) expect(type(sql).name, sql).to.equal(name);
  });

  it("drops integer display widths and keeps unsigned (zerofill implies it)", () => {
    expect(type("int(11)")).to.deep.equal(columnType("int"));
    expect(type("bigint(20) unsigned")).to.deep.equal(columnType("bigint", { unsigned: true }));
    expect(type("smallint(5) unsigned zerofill")).to.deep.equal(columnType("smallint", { unsigned: true }));
    expect(type("tinyint(4)")).to.deep.equal(columnType("tinyint"));
    expect(type("tinyint(1) unsigned")).to.deep.equal(columnType("tinyint", { unsigned: true }));
    expect(type("serial")).to.deep.equal(columnType("bigint", { unsigned: true }));
  });

  it("fills the server's implicit parameters", () => {
    expect(type("decimal")).to.deep.equal(columnType("decimal", { precision: 10, scale: 0 }));
    expect(type("numeric(5)")).to.deep.equal(columnType("decimal", { precision: 5, scale: 0 }));
    expect(type("char")).to.deep.equal(columnType("char", { length: 1 }));
    expect(type("bit")).to.deep.equal(columnType("bit", { length: 1 }));
    expect(type("float(10)")).to.deep.equal(columnType("float"));
    expect(type("float(30)")).to.deep.equal(columnType("double"));
    expect(type("double(8,3)")).to.deep.equal(columnType("double", { precision: 8, scale: 3 }));
    expect(type("year(4)")).to.deep.equal(columnType("year"));
    expect(type("text(100)")).to.deep.equal(columnType("text"));
  });

  it("keeps fractional-seconds precision, with 0 the same as none", () => {
    expect(type("datetime(6)")).to.deep.equal(columnType("datetime", { precision: 6 }));
    expect(type("timestamp(0)")).to.deep.equal(columnType("timestamp"));
    expect(type("time")).to.deep.equal(columnType("time"));
  });

  it("reads enum and set values with their escapes, ignoring charset clauses", () => {
    expect(type("enum('a','b''c','d\\\\e')")).to.deep.equal(columnType("enum", { enumValues: ["a", "b'c", "d\\e"] }));
    expect(type("SET('x', 'y')")).to.deep.equal(columnType("set", { enumValues: ["x", "y"] }));
    expect(type("varchar(10) CHARACTER SET latin1 COLLATE latin1_bin")).to.deep.equal(
      columnType("varchar", { length: 10 }),
    );
  });
});

describe("mysqlRules.normalizeDefault", () => {
  const norm = (expression: string, sqlType: string) => mysqlRules.normalizeDefault(expression, type(sqlType));

  it("treats NULL as no default", () => {
    expect(norm("NULL", "int")).to.equal(null);
    expect(norm("null", "varchar(5)")).to.equal(null);
    expect(norm("'NULL'", "varchar(5)")).to.equal("'NULL'");
  });

  it("gives CURRENT_TIMESTAMP one spelling, keeping the precision", () => {
    for (const e of ["CURRENT_TIMESTAMP", "current_timestamp()", "now()", "LOCALTIMESTAMP", "CURRENT_TIMESTAMP(0)"]) {
      expect(norm(e, "datetime"), e).to.equal("CURRENT_TIMESTAMP");
    }
    for (const e of ["CURRENT_TIMESTAMP(6)", "current_timestamp(6)", "NOW(6)"]) {
      expect(norm(e, "datetime(6)"), e).to.equal("CURRENT_TIMESTAMP(6)");
    }
  });

  it("canonicalises numbers of numeric columns, quoted or not", () => {
    expect(norm("0.00", "decimal(10,2)")).to.equal("0");
    expect(norm("0", "decimal(10,2)")).to.equal("0");
    expect(norm("'1.50'", "decimal(10,2)")).to.equal("1.5");
    expect(norm("-0.50", "decimal(5,2)")).to.equal("-0.5");
    expect(norm("1e3", "double")).to.equal("1000");
    expect(norm("'7'", "int")).to.equal("7");
  });

  it("reads booleans and bits as numbers", () => {
    expect(norm("true", "boolean")).to.equal("1");
    expect(norm("FALSE", "tinyint(1)")).to.equal("0");
    expect(norm("b'1'", "bit(1)")).to.equal("1");
    expect(norm("b'101'", "bit(3)")).to.equal("5");
    expect(norm("0x05", "bit(3)")).to.equal("5");
  });

  it("re-quotes strings one way and quotes bare numbers of string columns", () => {
    expect(norm("'abc'", "varchar(5)")).to.equal("'abc'");
    expect(norm('"abc"', "varchar(5)")).to.equal("'abc'");
    expect(norm("'it\\'s'", "varchar(5)")).to.equal("'it''s'");
    expect(norm("'it''s'", "varchar(5)")).to.equal("'it''s'");
    expect(norm("5", "varchar(5)")).to.equal("'5'");
    expect(norm("'{}'", "json")).to.equal("'{}'");
  });

  it("normalises expression defaults without their parentheses", () => {
    expect(norm("(uuid())", "varchar(36)")).to.equal("uuid()");
    expect(norm("uuid()", "varchar(36)")).to.equal("uuid()");
    expect(norm("(`a` * 2)", "int")).to.equal("a * 2");
    expect(norm("(a*2)", "int")).to.equal("a * 2");
  });
});

describe("mysqlRules.normalizeExpression", () => {
  const same = (a: string, b: string) =>
    expect(mysqlRules.normalizeExpression(a), `${a} vs ${b}`).to.equal(mysqlRules.normalizeExpression(b));

  it("ignores quoting, case, spacing and the server's synonyms", () => {
    same("a > 0 AND `b` IN (0, 1)", "`a` > 0 and `b` in (0,1)");
    same("upper(s) = s && a != 1 || a % 2 = 0", "ucase(`s`) = `s` and `a` <> 1 or `a` MOD 2 = 0");
    same("s IN ('x', \"dq\", 'it''s')", "`s` in ('x','dq','it\\'s')");
    same("s RLIKE 'b' AND character_length(s) > 0", "`s` regexp 'b' and char_length(`s`) > 0");
    same("a IS NOT TRUE", "`a` is not true");
  });

  it("drops parentheses the server does not keep, and keeps the needed ones", () => {
    expect(mysqlRules.normalizeExpression("((a > 0) AND (b < 5))")).to.equal("a > 0 and b < 5");
    expect(mysqlRules.normalizeExpression("((a > 0 OR b > 0) AND a < 10)")).to.equal("(a > 0 or b > 0) and a < 10");
    expect(mysqlRules.normalizeExpression("a - (b - c)")).to.equal("a - (b - c)");
    expect(mysqlRules.normalizeExpression("(a - b) - c")).to.equal("a - b - c");
    expect(mysqlRules.normalizeExpression("(a + 1) * 2 > 0")).to.equal("(a + 1) * 2 > 0");
    expect(mysqlRules.normalizeExpression("a between (1) and (2) and (b)")).to.equal("a between 1 and 2 and b");
    expect(mysqlRules.normalizeExpression("coalesce((a), 1) > -(1)")).to.equal("coalesce(a,1) > -1");
  });

  it("strips MySQL 8 charset introducers", () => {
    same("(`s` = _utf8mb4'x')", "s = 'x'");
  });
});
