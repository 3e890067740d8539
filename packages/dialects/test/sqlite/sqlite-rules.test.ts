import { columnType, type Queryable, type SchemaModel, type TableModel } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { canonicalCollation, connect, introspect, sqliteRules } from "../../src";

describe("sqliteRules.parseType", () => {
  const cases: [string, ReturnType<typeof columnType>][] = [
    ["varchar(255)", columnType("varchar", { length: 255 })],
    ["VARCHAR ( 255 )", columnType("varchar", { length: 255 })],
    ["character  varying(20)", columnType("varchar", { length: 20 })],
    ["nvarchar(10)", columnType("nvarchar", { length: 10 })],
    ["numeric(10,2)", columnType("numeric", { precision: 10, scale: 2 })],
    ["DECIMAL(8, 3)", columnType("numeric", { precision: 8, scale: 3 })],
    ["decimal", columnType("numeric")],
    ["numeric(5)", columnType("numeric", { precision: 5 })],
    ["datetime", columnType("datetime")],
    ["boolean", columnType("boolean")],
    ["BOOL", columnType("boolean")],
    ["INTEGER", columnType("integer")],
    ["int", columnType("int")],
    ["unsigned big int", columnType("unsigned big int")],
    ["double precision", columnType("double")],
    ["TEXT", columnType("text")],
    ["", columnType("")],
  ];
  for (const [written, expected] of cases) {
    it(`reads ${JSON.stringify(written)}`, () => expect(sqliteRules.parseType(written)).to.deep.equal(expected));
  }
});

describe("sqliteRules.normalizeDefault and normalizeExpression", () => {
  const text = columnType("text");
  it("strips redundant parentheses and spells literals canonically", () => {
    expect(sqliteRules.normalizeDefault("(datetime('now'))", text)).to.equal("datetime('now')");
    expect(sqliteRules.normalizeDefault("(( 1 ))", text)).to.equal("1");
    expect(sqliteRules.normalizeDefault("current_timestamp", text)).to.equal("CURRENT_TIMESTAMP");
    expect(sqliteRules.normalizeDefault("'abc'", text)).to.equal("'abc'");
    expect(sqliteRules.normalizeDefault("0.50", text)).to.equal("0.5");
    expect(sqliteRules.normalizeDefault("- 1", text)).to.equal("-1");
    expect(sqliteRules.normalizeDefault("+1.0", text)).to.equal("1");
    expect(sqliteRules.normalizeDefault("0x1F", text)).to.equal("31");
    expect(sqliteRules.normalizeDefault("0xFFFFFFFFFFFFFFFF", text)).to.equal("0xffffffffffffffff");
    expect(sqliteRules.normalizeDefault("true", text)).to.equal("1");
    expect(sqliteRules.normalizeDefault("(FALSE)", text)).to.equal("0");
    expect(sqliteRules.normalizeDefault("NULL", text)).to.equal(null);
    expect(sqliteRules.normalizeDefault("(null)", text)).to.equal(null);
  });

  it("makes expressions whitespace-, quote-, keyword-case- and outer-paren-insensitive", () => {
    const canonical = "length(name) > 3 AND kind IN ('a', 'b') AND x IS NOT NULL";
    for (const written of [
      `length("name")>3 and "kind" in ('a','b') and [x] is not null`,
      `((LENGTH( name ) > 3 AND \`kind\` IN ( 'a' , 'b' ) AND x IS NOT NULL))`,
      `length(name) > 3 /* why */ AND kind IN ('a', 'b') AND (x) IS NOT NULL`,
    ]) {
      expect(sqliteRules.normalizeExpression(written)).to.equal(canonical);
    }
  });

  it("keeps quotes an identifier needs and parentheses that group", () => {
    expect(sqliteRules.normalizeExpression(`"order" > 0 AND "two words" <> ''`)).to.equal(
      `"order" > 0 AND "two words" <> ''`,
    );
    expect(sqliteRules.normalizeExpression(`(a OR b) AND c`)).to.equal("(a OR b) AND c");
    expect(sqliteRules.normalizeExpression(`a == 1 OR b != -2`)).to.equal("a = 1 OR b <> -2");
    expect(sqliteRules.normalizeExpression(`CAST (a AS integer) >= 0`)).to.equal("CAST(a AS integer) >= 0");
    expect(sqliteRules.normalizeExpression(`name = 'x' collate "nocase"`)).to.equal("name = 'x' COLLATE NOCASE");
  });
});

describe("canonicalCollation", () => {
  it("drops the default BINARY and upper-cases the rest", () => {
    expect([null, "binary", "BINARY", "nocase", "RTrim", "my_coll"].map(canonicalCollation)).to.deep.equal([
      null,
      null,
      null,
      "NOCASE",
      "RTRIM",
      "MY_COLL",
    ]);
  });
});

/** Round trips through the real engine: what SQLite reports must normalise like what was written. */
describeEachTarget(
  "sqliteRules round trip",
  (ctx) => {
    let db: Queryable;
    let model: SchemaModel;
    const table = (name: string): TableModel => model.tables.find((t) => t.name === name) as TableModel;

    const defaults: [string, string | null][] = [
      ["'abc'", "'abc'"],
      ["('abc')", "'abc'"],
      ["'it''s'", "'it''s'"],
      ["CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"],
      ["(current_timestamp)", "CURRENT_TIMESTAMP"],
      ["(datetime('now'))", "datetime('now')"],
      ["(DATETIME( 'now' ))", "datetime('now')"],
      ["1", "1"],
      ["(1)", "1"],
      ["0.5", "0.5"],
      ["-1", "-1"],
      ["(-1.50)", "-1.5"],
      ["+2", "2"],
      ["0x10", "16"],
      ["(1 + 2)", "1 + 2"],
      ["TRUE", "1"],
      ["(0)", "0"],
      ["NULL", null],
    ];
    const types = [
      "VARCHAR ( 255 )",
      "character varying(20)",
      "numeric(10,2)",
      "DECIMAL(8, 3)",
      "int",
      "INTEGER",
      "Double Precision",
      "datetime",
    ];
    const collations: [string, string | null][] = [
      ["nocase", "NOCASE"],
      [`"RTRIM"`, "RTRIM"],
      ["binary", null],
    ];
    const checks = [
      `"price" >= 0`,
      `(price>=0)`,
      `[price] >= 0 AND "name" IS NOT NULL`,
      `length(name) BETWEEN 1 AND 10`,
    ];
    const predicates = [`"price" > 0`, `(price > 0 AND name <> '')`];

    before(async () => {
      db = await connect(ctx.db.url);
      const columns = defaults.map(([written], i) => `d${i} text DEFAULT ${written}`).join(", ");
      await db.query(`CREATE TABLE defaults (${columns})`);
      await db.query(`CREATE TABLE types (${types.map((type, i) => `t${i} ${type}`).join(", ")})`);
      await db.query(`CREATE TABLE collations (${collations.map(([c], i) => `c${i} text COLLATE ${c}`).join(", ")})`);
      for (const [i, check] of checks.entries()) {
        await db.query(`CREATE TABLE checks${i} (price numeric, name text, CHECK (${check}))`);
        await db.query(`CREATE INDEX ix${i} ON checks${i} (name) WHERE ${predicates[i % predicates.length]}`);
      }
      model = await introspect(db);
    });
    after(() => db.close());

    it("reads every default as the normalised written form", () => {
      const columns = table("defaults").columns;
      for (const [i, [written, expected]] of defaults.entries()) {
        expect(columns[i].default, written).to.equal(expected);
        expect(sqliteRules.normalizeDefault(written, columns[i].type), written).to.equal(expected);
      }
    });

    it("reads every declared type as parseType reads the written one", () => {
      expect(table("types").columns.map((c) => c.type)).to.deep.equal(types.map((t) => sqliteRules.parseType(t)));
      expect(table("types").columns.map((c) => c.type.name)).to.deep.equal([
        "varchar",
        "varchar",
        "numeric",
        "numeric",
        "int",
        "integer",
        "double",
        "datetime",
      ]);
    });

    it("reads column collations canonically", () => {
      expect(table("collations").columns.map((c) => c.collation)).to.deep.equal(collations.map(([, c]) => c));
    });

    it("reads checks and index predicates as the normalised written form", () => {
      for (const [i, check] of checks.entries()) {
        const t = table(`checks${i}`);
        expect(t.checks).to.deep.equal([{ name: null, expression: sqliteRules.normalizeExpression(check) }]);
        expect(t.indexes[0].where).to.equal(sqliteRules.normalizeExpression(predicates[i % predicates.length]));
      }
      expect(table("checks0").checks[0].expression).to.equal("price >= 0");
      expect(table("checks1").checks[0].expression).to.equal("price >= 0");
      expect(table("checks1").indexes[0].where).to.equal("price > 0 AND name <> ''");
    });
  },
  { families: ["sqlite"] },
);
