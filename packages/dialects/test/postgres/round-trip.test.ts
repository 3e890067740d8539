import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { postgresRules } from "../../src/postgres/rules";
import { columnOf, reflect, runAll, sharedConnection, tableOf } from "./helpers";

/**
 * Each default as DDL writes it (TypeORM's spellings first), on a column of the given
 * type. The server stores and prints it its own way; both must normalise alike.
 */
const DEFAULTS: readonly [type: string, ddl: string][] = [
  ["character varying(20)", "'abc'"],
  ["character varying(20)", "'abc'::character varying"],
  ["character varying", "'a'::text"],
  ["text", "'it''s'"],
  ["text", "''"],
  ["character(3)", "'x'"],
  ["jsonb", "'{}'"],
  ["jsonb", `'{"a": 1}'`],
  ["jsonb", `'{"bb":1,"a":[1,"x"],"a":2,"c":{"z":null}}'`],
  ["text", String.raw`E'a\\b\'c'`],
  ["numeric", "1e3"],
  ["numeric", "1.50e1"],
  ["time", "'9:30'"],
  ["json", "'[]'"],
  ["integer", "0"],
  ["integer", "-1"],
  ["integer", "'5'"],
  ["integer", "(1 + 2)"],
  ["bigint", "-9000000000"],
  ["smallint", "7"],
  ["smallint", "-7"],
  ["numeric", "0"],
  ["numeric", "-1.5"],
  ["numeric(10,2)", "1.5"],
  ["real", "-2"],
  ["real", "1.5"],
  ["double precision", "-0.5"],
  ["boolean", "true"],
  ["boolean", "false"],
  ["boolean", "TRUE"],
  ["timestamp", "now()"],
  ["timestamp", "CURRENT_TIMESTAMP"],
  ["timestamp with time zone", "CURRENT_TIMESTAMP"],
  ["timestamp with time zone", "now()"],
  ["timestamp(3) without time zone", "CURRENT_TIMESTAMP(3)"],
  ["date", "CURRENT_DATE"],
  // TypeORM's spellings of CURRENT_TIMESTAMP(3), CURRENT_DATE, LOCALTIMESTAMP, CURRENT_TIME,
  // and retort's canonical one written back as DDL (issue 10, item 0).
  ["timestamp(3) with time zone", "('now'::text)::timestamp(3) with time zone"],
  ["date", "('now'::text)::date"],
  ["timestamp without time zone", "('now'::text)::timestamp without time zone"],
  ["time with time zone", "('now'::text)::time with time zone"],
  ["timestamp(3) with time zone", "'now'::text::timestamptz(3)"],
  ["uuid", "uuid_generate_v4()"],
  ["uuid", "gen_random_uuid()"],
  ["integer[]", "'{}'"],
  ["text[]", "'{a,b}'"],
  ["integer[]", "ARRAY[1, 2]"],
  ["mood", "'ok'"],
  ["interval", "'1 day'"],
  // Intervals the server respells (docs/schema-objects.md, "Interval defaults").
  ["interval", "'2 hours'"],
  ["interval", "'1 day 3 hours'"],
  ["interval", "'90 minutes'"],
  ["interval", "'36 hours'"],
  ["interval", "'1.5 days'"],
  ["interval", "'2 weeks'"],
  ["interval", "'1 year 14 months'"],
  ["interval", "'1.5 months'"],
  ["interval", "'P1Y2M3DT4H5M6S'"],
  ["interval", "'PT0.25S'"],
  ["interval", "'P2W'"],
  ["interval", "'-1 day 2 hours'"],
  ["interval", "'1 hour ago'"],
  ["interval", "'@ 3 mins 4.5 secs'"],
  ["interval", "'1:30'"],
  ["interval", "'0'::interval"],
  ["interval", "'1 decade'"],
  ["interval", "'02:00:00'::interval"],
  ["text", "lower('X')"],
  ["text", "NULL"],
  ["character varying", "NULL"],
];

/** CHECK expressions and index predicates as DDL writes them. */
const EXPRESSIONS: readonly string[] = [
  `"price" > 0`,
  `price >= 0 AND price <= 100`,
  `(price > 0 AND qty > 0) OR name IS NULL`,
  `name <> ''`,
  `name IN ('a', 'b')`,
  `code IN ('x', 'y')`,
  `qty NOT IN (1, 2)`,
  `qty BETWEEN 1 AND 5`,
  `qty NOT BETWEEN 1 AND 5`,
  `qty > -1`,
  `length(name) > 2`,
  `lower(code) <> 'x'`,
  `price > 1.5`,
  `NOT (qty > 1 OR price < 0)`,
  `qty + price * 2 > (qty - 1) - 2`,
  `name IS NOT NULL`,
  `qty * 2 + 1 < price`,
  `name ILIKE 'a%' AND name NOT LIKE 'b%'`,
  `flag`,
  `NOT flag`,
  `name LIKE 'a%'`,
  `tags @> ARRAY['x']`,
  `tags[1] = 'x'`,
  `(tags || ARRAY[name])[2] IS NULL`,
  `CAST(qty AS numeric(10,2)) / 3 > 1`,
  `qty>-1 AND code <> 'x' -- a comment\n`,
  `(1)::numeric / 3 < price`,
  `length(name) BETWEEN 1 AND 10`,
  `qty ^ 2 < 100`,
  `name SIMILAR TO 'a%'`,
  `name IN ('x')`,
  `qty NOT IN (1)`,
  `position('a' in name) > 0`,
  `qty IS DISTINCT FROM 0`,
  `coalesce(qty, 0) >= 0`,
  `name ~ '^[a-z]+$'`,
  `CASE WHEN qty > 0 THEN flag ELSE NOT flag END`,
  `name <> ALL (ARRAY['a','b'])`,
  `qty = ANY('{1,2}'::int[])`,
  `meta->>'a' IS NOT NULL`,
  `name COLLATE "C" > 'a'`,
];

/** Valid in CHECKs but not in index predicates, which must be immutable. */
const CHECK_ONLY_EXPRESSIONS: readonly string[] = [
  `created > CURRENT_TIMESTAMP`,
  `created::date > '2020-01-01'`,
  `extract(year from created) > 2000`,
  // The server compares a varchar coalesce as text: `(COALESCE(code, ''::character varying))::text <> 'x'::text`.
  `coalesce(code, '') <> 'forbidden'`,
  `'forbidden' <> coalesce(code, '')`,
];

const EXPRESSION_TABLE = `CREATE TABLE expr_t (price numeric, qty integer, name text, code varchar(5), flag boolean,
  created timestamptz, tags text[], meta jsonb)`;

describeEachTarget(
  "postgres normalisation round trips",
  (ctx) => {
    const conn = sharedConnection(() => ctx.db.url);
    before(async () => {
      await conn.open();
      await runAll(conn.db, [`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`, `CREATE TYPE mood AS ENUM ('sad', 'ok')`]);
    });
    after(() => conn.close());

    it("gives the same default for the DDL text and for what the server stored", async () => {
      const columns = DEFAULTS.map(([type, ddl], i) => `c${i} ${type} DEFAULT ${ddl}`);
      await conn.db.query(`CREATE TABLE defaults_t (${columns.join(", ")})`);
      const model = await reflect(conn.db);
      const stored = await conn.db.query<{ attname: string; expr: string | null }>(
        `SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attribute a
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = 'defaults_t'::regclass AND a.attnum > 0`,
      );
      const storedByColumn = new Map(stored.map((r) => [r.attname, r.expr]));
      const mismatches = DEFAULTS.flatMap(([type, ddl], i) => {
        const reflected = columnOf(model, "defaults_t", `c${i}`);
        const written = postgresRules.normalizeDefault(ddl, reflected.type);
        return reflected.default === written
          ? []
          : [`${type} DEFAULT ${ddl}: stored ${storedByColumn.get(`c${i}`)} → ${reflected.default}, DDL → ${written}`];
      });
      expect(mismatches).to.deep.equal([]);
    });

    it("reads the canonical default spellings the team relies on", async () => {
      const model = await reflect(conn.db);
      const defaultOf = (i: number) => columnOf(model, "defaults_t", `c${i}`).default;
      const expected: Record<string, string | null> = {
        "'abc'::character varying": "'abc'",
        "-1": "-1",
        "-9000000000": "-9000000000",
        "now()": "CURRENT_TIMESTAMP",
        "'{}'": "'{}'",
        TRUE: "true",
        "lower('X')": "lower('X')",
        NULL: null,
        // Never the literal 'now', which the server would fold into the migration's timestamp.
        "('now'::text)::timestamp(3) with time zone": "'now'::text::timestamptz(3)",
        "('now'::text)::date": "'now'::text::date",
      };
      for (const [ddl, canonical] of Object.entries(expected)) {
        expect(defaultOf(DEFAULTS.findIndex(([, d]) => d === ddl)), ddl).to.equal(canonical);
      }
    });

    it("gives the same CHECK expression for the DDL text and for what the server stored", async () => {
      const expressions = [...EXPRESSIONS, ...CHECK_ONLY_EXPRESSIONS];
      const checks = expressions.map((e, i) => `CONSTRAINT ck_${i} CHECK (${e})`);
      await conn.db.query(`${EXPRESSION_TABLE.replace("expr_t", "check_t").slice(0, -1)}, ${checks.join(", ")})`);
      const model = await reflect(conn.db);
      const byName = new Map(tableOf(model, "check_t").checks.map((c) => [c.name, c.expression]));
      const mismatches = expressions.flatMap((e, i) => {
        const written = postgresRules.normalizeExpression(e);
        return byName.get(`ck_${i}`) === written ? [] : [`${e}: reflected ${byName.get(`ck_${i}`)}, DDL ${written}`];
      });
      expect(mismatches).to.deep.equal([]);
    });

    it("gives the same partial-index predicate for the DDL text and for what the server stored", async () => {
      await conn.db.query(EXPRESSION_TABLE);
      const predicates = EXPRESSIONS;
      for (const [i, e] of predicates.entries()) await conn.db.query(`CREATE INDEX ix_${i} ON expr_t (qty) WHERE ${e}`);
      const model = await reflect(conn.db);
      const byName = new Map(tableOf(model, "expr_t").indexes.map((ix) => [ix.name, ix.where]));
      const mismatches = predicates.flatMap((e, i) => {
        const written = postgresRules.normalizeExpression(e);
        return byName.get(`ix_${i}`) === written ? [] : [`${e}: reflected ${byName.get(`ix_${i}`)}, DDL ${written}`];
      });
      expect(mismatches).to.deep.equal([]);
    });

    it("gives the same index expressions and generated expressions for DDL and the server's text", async () => {
      const parts = ["lower(code)", "lower(name)", "(qty + 1)", "coalesce(name, '')", "(price * 2)"];
      await conn.db.query(`CREATE INDEX ix_exprs ON expr_t (${parts.join(", ")})`);
      await conn.db.query(`ALTER TABLE expr_t ADD COLUMN gen numeric GENERATED ALWAYS AS (price * qty + 1) STORED`);
      const model = await reflect(conn.db);
      const t = tableOf(model, "expr_t");
      const ix = t.indexes.find((i) => i.name === "ix_exprs")!;
      expect(ix.parts.map((p) => p.expression)).to.deep.equal(parts.map((p) => postgresRules.normalizeExpression(p)));
      expect(t.columns.find((c) => c.name === "gen")!.generated).to.deep.equal({
        expression: postgresRules.normalizeExpression("price * qty + 1"),
        stored: true,
      });
    });
  },
  { targets: ["postgres"] },
);
