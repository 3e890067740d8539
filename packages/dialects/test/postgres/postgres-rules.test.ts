import { columnType } from "@retort/core";
import { expect } from "chai";
import { postgresRules } from "../../src/postgres/rules";

const { parseType, normalizeDefault, normalizeExpression } = postgresRules;

describe("postgresRules.parseType", () => {
  const synonyms: [string, string][] = [
    ["int4", "integer"],
    ["int", "integer"],
    ["INTEGER", "integer"],
    ["int8", "bigint"],
    ["int2", "smallint"],
    ["float8", "double precision"],
    ["double precision", "double precision"],
    ["float", "double precision"],
    ["float4", "real"],
    ["bool", "boolean"],
    ["character varying", "varchar"],
    ["bpchar", "char"],
    ["timestamp without time zone", "timestamp"],
    ["timestamp with time zone", "timestamptz"],
    ["timestamptz", "timestamptz"],
    ["time without time zone", "time"],
    ["time with time zone", "timetz"],
    ["timetz", "timetz"],
    ["decimal", "numeric"],
    ["serial", "integer"],
    ["bigserial", "bigint"],
    ["smallserial", "smallint"],
    ["serial4", "integer"],
    ["bit varying", "varbit"],
    ["text", "text"],
    ["jsonb", "jsonb"],
    ["uuid", "uuid"],
  ];
  for (const [spelled, canonical] of synonyms) {
    it(`reads ${spelled} as ${canonical}`, () => {
      expect(parseType(spelled)).to.deep.equal(columnType(canonical));
    });
  }

  it("reads lengths, and char's implied length of 1 (bpchar has none)", () => {
    expect(parseType("character varying(20)")).to.deep.equal(columnType("varchar", { length: 20 }));
    expect(parseType("varchar")).to.deep.equal(columnType("varchar"));
    expect(parseType("character(3)")).to.deep.equal(columnType("char", { length: 3 }));
    expect(parseType("char")).to.deep.equal(columnType("char", { length: 1 }));
    expect(parseType("bpchar")).to.deep.equal(columnType("char"));
    expect(parseType("bit")).to.deep.equal(columnType("bit", { length: 1 }));
  });

  it("reads precision and scale; numeric without them stays unconstrained", () => {
    expect(parseType("numeric(10,2)")).to.deep.equal(columnType("numeric", { precision: 10, scale: 2 }));
    expect(parseType("decimal(10, 2)")).to.deep.equal(columnType("numeric", { precision: 10, scale: 2 }));
    expect(parseType("numeric(7)")).to.deep.equal(columnType("numeric", { precision: 7, scale: 0 }));
    expect(parseType("numeric")).to.deep.equal(columnType("numeric", { precision: null, scale: null }));
    expect(parseType("float(10)")).to.deep.equal(columnType("real"));
    expect(parseType("float(53)")).to.deep.equal(columnType("double precision"));
  });

  it("reads time precision wherever the modifier is written", () => {
    expect(parseType("timestamp(3) without time zone")).to.deep.equal(columnType("timestamp", { precision: 3 }));
    expect(parseType("timestamp(3) with time zone")).to.deep.equal(columnType("timestamptz", { precision: 3 }));
    expect(parseType("timestamptz(6)")).to.deep.equal(columnType("timestamptz", { precision: 6 }));
    expect(parseType("time(0) with time zone")).to.deep.equal(columnType("timetz", { precision: 0 }));
    expect(parseType("interval(2)")).to.deep.equal(columnType("interval", { precision: 2 }));
  });

  it("counts array dimensions in every spelling", () => {
    expect(parseType("integer[]")).to.deep.equal(columnType("integer", { arrayDimensions: 1 }));
    expect(parseType("int4[][]")).to.deep.equal(columnType("integer", { arrayDimensions: 2 }));
    expect(parseType("character varying(20)[]")).to.deep.equal(
      columnType("varchar", { length: 20, arrayDimensions: 1 }),
    );
    expect(parseType("text ARRAY")).to.deep.equal(columnType("text", { arrayDimensions: 1 }));
    expect(parseType("integer[3]")).to.deep.equal(columnType("integer", { arrayDimensions: 1 }));
  });

  it("keeps user type names, dropping quotes only where they are not needed", () => {
    expect(parseType('"mood"')).to.deep.equal(columnType("mood"));
    expect(parseType('"Mood"')).to.deep.equal(columnType('"Mood"'));
    expect(parseType("other.mood[]")).to.deep.equal(columnType("other.mood", { arrayDimensions: 1 }));
    expect(parseType("geometry(Point, 4326)")).to.deep.equal(columnType("geometry(Point,4326)"));
  });
});

describe("postgresRules.normalizeDefault", () => {
  const varchar = columnType("varchar", { length: 20 });
  const int = columnType("integer");

  it("drops casts that restate the column's type", () => {
    expect(normalizeDefault("'abc'::character varying", varchar)).to.equal("'abc'");
    expect(normalizeDefault("'abc'::text", varchar)).to.equal("'abc'");
    expect(normalizeDefault("'{}'::jsonb", columnType("jsonb"))).to.equal("'{}'");
    expect(normalizeDefault("'{}'::integer[]", columnType("integer", { arrayDimensions: 1 }))).to.equal("'{}'");
    expect(normalizeDefault("'ok'::mood", columnType("enum", { enumName: "mood", enumValues: ["ok"] }))).to.equal(
      "'ok'",
    );
    expect(
      normalizeDefault("'ok'::other.mood", columnType("enum", { enumName: "other.mood", enumValues: ["ok"] })),
    ).to.equal("'ok'");
    expect(normalizeDefault("'1 day'::interval", columnType("interval"))).to.equal("'1 day'");
  });

  it("keeps casts that change meaning", () => {
    expect(normalizeDefault("'2020-01-01'::date", columnType("text"))).to.equal("'2020-01-01'::date");
    expect(normalizeDefault("nextval('t_id_seq'::regclass)", int)).to.equal("nextval('t_id_seq'::regclass)");
    expect(normalizeDefault("(1)::numeric / 3", columnType("numeric"))).to.equal("1::numeric / 3");
  });

  it("reads quoted and negative numbers as numbers on numeric columns", () => {
    expect(normalizeDefault("'-1'::integer", int)).to.equal("-1");
    expect(normalizeDefault("-1", int)).to.equal("-1");
    expect(normalizeDefault("'7'", columnType("smallint"))).to.equal("7");
    expect(normalizeDefault("'-2'::integer", columnType("real"))).to.equal("-2");
    expect(normalizeDefault("'-1.5'::numeric", columnType("numeric"))).to.equal("-1.5");
    expect(normalizeDefault("'-9000000000'::bigint", columnType("bigint"))).to.equal("-9000000000");
    expect(normalizeDefault("0", columnType("numeric"))).to.equal("0");
  });

  it("gives one spelling for the current timestamp and for booleans", () => {
    const ts = columnType("timestamptz");
    expect(normalizeDefault("now()", ts)).to.equal("CURRENT_TIMESTAMP");
    expect(normalizeDefault("NOW()", ts)).to.equal("CURRENT_TIMESTAMP");
    expect(normalizeDefault("CURRENT_TIMESTAMP", ts)).to.equal("CURRENT_TIMESTAMP");
    expect(normalizeDefault("current_timestamp", ts)).to.equal("CURRENT_TIMESTAMP");
    expect(normalizeDefault("CURRENT_TIMESTAMP(3)", ts)).to.equal("CURRENT_TIMESTAMP(3)");
    const bool = columnType("boolean");
    expect(normalizeDefault("TRUE", bool)).to.equal("true");
    expect(normalizeDefault("'false'", bool)).to.equal("false");
    expect(normalizeDefault("false", bool)).to.equal("false");
  });

  it("spells literal values as the server prints them", () => {
    expect(normalizeDefault(String.raw`E'a\\b'`, columnType("text"))).to.equal(String.raw`'a\b'`);
    expect(normalizeDefault(String.raw`E'it\'s'`, columnType("text"))).to.equal(`'it''s'`);
    expect(normalizeDefault(String.raw`E'tab\there'`, columnType("text"))).to.equal(`'tab\there'`);
    expect(normalizeDefault("1e3", columnType("numeric"))).to.equal("1000");
    expect(normalizeDefault("1.50e1", columnType("numeric"))).to.equal("15.0");
    expect(normalizeDefault("-2.5E-3", columnType("numeric"))).to.equal("-0.0025");
    expect(normalizeDefault(`'{"b":1,"a":[1,2]}'`, columnType("jsonb"))).to.equal(`'{"a": [1, 2], "b": 1}'`);
    expect(normalizeDefault(`'{"b":1,"a":[1,2]}'`, columnType("json"))).to.equal(`'{"b":1,"a":[1,2]}'`);
    expect(normalizeDefault(`'{"a":1.50}'`, columnType("jsonb"))).to.equal(`'{"a":1.50}'`);
    expect(normalizeDefault("'9:30'", columnType("time"))).to.equal("'09:30:00'");
  });

  it("leaves malformed text as it is rather than failing", () => {
    expect(normalizeDefault("'x':: (3)", columnType("integer"))).to.equal("'x'::(3)");
    expect(normalizeDefault("(((", columnType("integer"))).to.equal("( ( (");
    expect(normalizeExpression("a AND")).to.equal("a AND");
    expect(normalizeExpression("BETWEEN 1 AND")).to.equal("BETWEEN 1 AND");
  });

  it("treats NULL as no default and keeps function calls", () => {
    expect(normalizeDefault("NULL", varchar)).to.equal(null);
    expect(normalizeDefault("NULL::character varying", varchar)).to.equal(null);
    expect(normalizeDefault("uuid_generate_v4()", columnType("uuid"))).to.equal("uuid_generate_v4()");
    expect(normalizeDefault("gen_random_uuid()", columnType("uuid"))).to.equal("gen_random_uuid()");
    expect(normalizeDefault("lower('X'::text)", columnType("text"))).to.equal("lower('X')");
    expect(normalizeDefault("'it''s'::text", columnType("text"))).to.equal("'it''s'");
  });
});

describe("postgresRules.normalizeExpression", () => {
  const same = (written: string, stored: string) =>
    expect(normalizeExpression(written)).to.equal(normalizeExpression(stored));

  it("drops the brackets pg_get_expr adds and those precedence makes redundant", () => {
    expect(normalizeExpression("((price > 0))")).to.equal("price > 0");
    same("a > 0 AND b > 0 OR c > 0", "(((a > 0) AND (b > 0)) OR (c > 0))");
    same("a + b * c > (a - b) - c", "((a + (b * c)) > ((a - b) - c))");
    expect(normalizeExpression("a - (b - c) > 0")).to.equal("a - (b - c) > 0");
    expect(normalizeExpression("a * (b + c) = 1")).to.equal("a * (b + c) = 1");
    expect(normalizeExpression("(a OR b) AND c")).to.equal("(a OR b) AND c");
    expect(normalizeExpression("NOT (a AND b)")).to.equal("NOT (a AND b)");
    expect(normalizeExpression("(a || b)[1] = 'x'")).to.equal("(a || b)[1] = 'x'");
    expect(normalizeExpression("(tags)[1] = 'x'")).to.equal("tags[1] = 'x'");
  });

  it("spells keywords, names and quotes one way", () => {
    same('"price" > 0 and qty is not null', "((price > 0) AND (qty IS NOT NULL))");
    expect(normalizeExpression('"Price" > 0')).to.equal('"Price" > 0');
    expect(normalizeExpression('"order" > 0')).to.equal('"order" > 0');
  });

  it("drops casts that restate a literal's or a name's type", () => {
    same("kind <> ''", "(kind <> ''::text)");
    same("n > -1", "(n > '-1'::integer)");
    same("lower(email)", "lower((email)::text)");
    same("lower(email)", "lower(email::text)");
  });

  it("drops widening casts only where they cannot change a value", () => {
    same("score >= 0", "(score >= (0)::numeric)");
    same("qty + price * 2 > qty - 3", "((((qty)::numeric + (price * (2)::numeric)) > ((qty - 3))::numeric))");
    expect(normalizeExpression("qty::numeric / 2 > 1")).to.equal("qty::numeric / 2 > 1");
    expect(normalizeExpression("qty::numeric")).to.equal("qty::numeric");
  });

  it("lexes operators and comments as PostgreSQL does, and spells CAST() as ::", () => {
    expect(normalizeExpression("a>-1")).to.equal("a > -1");
    expect(normalizeExpression("a > 1 -- why\n AND /* note */ b < 2")).to.equal("a > 1 AND b < 2");
    same("CAST(qty AS numeric(10,2)) / 3 > 1", "(((qty)::numeric(10,2) / (3)::numeric) > (1)::numeric)");
    expect(normalizeExpression("CAST(x AS timestamp with time zone) IS NULL")).to.equal("x::timestamptz IS NULL");
  });

  it("spells LIKE and ILIKE as words, as written in DDL", () => {
    same("name LIKE 'a%'", "(name ~~ 'a%'::text)");
    same("name NOT ILIKE 'a%'", "(name !~~* 'a%'::text)");
  });

  it("spells IN lists and BETWEEN as the server stores them", () => {
    same("status IN ('a', 'b')", "(status = ANY (ARRAY['a'::text, 'b'::text]))");
    same(
      "status IN ('a', 'b')",
      "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
    );
    same("n NOT IN (1, 2)", "(n <> ALL (ARRAY[1, 2]))");
    same("n BETWEEN 1 AND 5", "((n >= 1) AND (n <= 5))");
    same("n NOT BETWEEN 1 AND 5", "((n < 1) OR (n > 5))");
    same("length(name) BETWEEN 1 AND 10", "((length(name) >= 1) AND (length(name) <= 10))");
    same("name IN ('x')", "(name = 'x'::text)");
    same("n NOT IN (1)", "(n <> 1)");
    same("name SIMILAR TO 'a%'", "(name ~ similar_to_escape('a%'::text))");
    same("position('a' in name) > 0", "(POSITION(('a'::text) IN (name)) > 0)");
    same("created::date > '2020-01-01'", "((created)::date > '2020-01-01'::date)");
    // An enum column's IN list: each literal takes the enum type (docs/typeorm-coexistence.md).
    same("status IN ('a', 'b')", "(status = ANY (ARRAY['a'::items_status_enum, 'b'::items_status_enum]))");
    same("status NOT IN ('a', 'b')", "(status <> ALL (ARRAY['a'::mood, 'b'::mood]))");
    same("coalesce(label, '') <> 'x'", "((COALESCE(label, ''::character varying))::text <> 'x'::text)");
    // A cast that is not the comparison's own stays.
    expect(normalizeExpression("(a + b)::text <> c")).to.equal("(a + b)::text <> c");
  });

  it("is idempotent: a canonical expression stays as it is", () => {
    const stored = [
      "(((kk <> ''::text) AND (kk IS NOT NULL)) OR (jj > '-1'::integer))",
      "((ii)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
      "(((a + (b * c)) > ((a - b) - c)) AND (NOT ((a > 1) OR (b > 2))))",
      "((length(name) >= 1) AND (length(name) <= 10))",
      "(POSITION(('a'::text) IN (name)) > 0)",
      "CASE WHEN (a > 0) THEN 1 ELSE 0 END = 1",
    ];
    for (const e of stored) expect(normalizeExpression(normalizeExpression(e)), e).to.equal(normalizeExpression(e));
  });

  it("leaves what it does not understand as written, minus outer spacing", () => {
    expect(normalizeExpression("CASE WHEN (a > 0) THEN 1 ELSE 0 END = 1")).to.equal(
      "CASE WHEN a > 0 THEN 1 ELSE 0 END = 1",
    );
    expect(normalizeExpression("x @> ARRAY[1]")).to.equal("x @> ARRAY[1]");
  });
});
