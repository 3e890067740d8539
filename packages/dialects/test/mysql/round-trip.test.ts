import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { mysqlRules } from "../../src/mysql/rules";
import { reflect, runSql, tableOf } from "./helpers";

/** [column type, default as written in DDL, canonical default]. */
const DEFAULTS: readonly [string, string, string | null][] = [
  ["varchar(20)", "'abc'", "'abc'"],
  ["varchar(20)", "'it''s'", "'it''s'"],
  ["varchar(20)", "'a\\\\b'", "'a\\\\b'"],
  ["varchar(20)", "''", "''"],
  ["varchar(20)", "'NULL'", "'NULL'"],
  ["varchar(20)", "NULL", null],
  ["varchar(20)", "5", "'5'"],
  ["text", "'x'", "'x'"],
  ["json", "'{}'", "'{}'"],
  ["enum('a','b')", "'b'", "'b'"],
  ["date", "'2020-01-01'", "'2020-01-01'"],
  ["date", "'2020-1-2'", "'2020-01-02'"],
  ["datetime", "'2020-01-01'", "'2020-01-01 00:00:00'"],
  ["datetime(6)", "'2020-01-01 10:00:00'", "'2020-01-01 10:00:00'"],
  ["timestamp(2)", "'2020-01-01 10:00:00.10'", "'2020-01-01 10:00:00.1'"],
  ["time", "'10:00'", "'10:00:00'"],
  ["time(3)", "'10:00:01.5'", "'10:00:01.5'"],
  ["int", "1", "1"],
  ["int", "-1", "-1"],
  ["int", "'7'", "7"],
  ["bigint unsigned", "0", "0"],
  ["decimal(10,2)", "0", "0"],
  ["decimal(10,2)", "0.00", "0"],
  ["decimal(10,2)", "1.5", "1.5"],
  ["decimal(5,2)", "-0.50", "-0.5"],
  ["float", "1.5", "1.5"],
  ["double", "0", "0"],
  ["double", "1e3", "1000"],
  ["tinyint(1)", "1", "1"],
  ["boolean", "true", "1"],
  ["boolean", "false", "0"],
  ["bit(1)", "b'1'", "1"],
  ["bit(1)", "1", "1"],
  ["bit(3)", "b'101'", "5"],
  ["datetime", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"],
  ["datetime", "now()", "CURRENT_TIMESTAMP"],
  ["timestamp", "current_timestamp()", "CURRENT_TIMESTAMP"],
  ["datetime(6)", "CURRENT_TIMESTAMP(6)", "CURRENT_TIMESTAMP(6)"],
  ["timestamp(3)", "now(3)", "CURRENT_TIMESTAMP(3)"],
  // MariaDB stores the default at the column's precision: TypeORM writes datetime(2) … CURRENT_TIMESTAMP(6).
  ["datetime(2)", "CURRENT_TIMESTAMP(6)", "CURRENT_TIMESTAMP(2)"],
  ["varchar(36)", "(uuid())", "uuid()"],
  ["int", "(1 + 2)", "1 + 2"],
];

/** CHECK expressions as a user or TypeORM writes them; the server stores its own spelling. */
const CHECKS: readonly string[] = [
  "a > 0",
  "(a > 0)",
  "a > 0 AND `b` IN (0, 1)",
  "(a > 0) AND (b < 5)",
  "(a > 0 OR b > 0) AND a < 10",
  "a > 0 OR b > 0 AND a < 10",
  "a > 0 AND (s IS NULL OR (a < 5 AND s = 'x'))",
  "s IN ('x', 'it''s', \"dq\")",
  "a != b && a <> 3",
  "s LIKE 'a%' AND s IS NOT NULL AND a BETWEEN 1 AND 9",
  "CHAR_LENGTH(s) > 2 AND UPPER(s) = s AND LOWER(s) <> s",
  "a - -1 > 0 AND a*2+1 > b AND (a + 1) * 2 > 0",
  "a % 3 >= 0 AND a DIV 2 >= 0",
  "s RLIKE '^a' AND SUBSTRING(s, 1, 1) <> 'z'",
  "CASE WHEN (a > 1) THEN b ELSE 0 END >= 0",
  "COALESCE(a, 1) > 0 AND IFNULL(b, 0) >= 0",
  "a IS NOT TRUE OR a = TRUE",
  "NOT (a = b) AND NOT a >= 3 AND !(b < 1)",
  "NOT (s IS NULL) AND NOT (a IN (1, 2)) AND NOT (s LIKE 'x%')",
  "NOT (a BETWEEN 1 AND 2) AND NOT (s REGEXP 'q') AND NOT (a <=> b)",
  "NOT a OR NOT (b IS NOT NULL)",
];

/** Generated-column expressions (on an int column `a` and a varchar `s`). */
const GENERATED: readonly [string, string][] = [
  ["int", "a + 1"],
  ["int", "(a * 2) + 1"],
  ["varchar(60)", "CONCAT(s, '-', s)"],
  ["varchar(60)", "UPPER(s)"],
  ["int", "CHAR_LENGTH(s)"],
];

describeEachTarget(
  "MySQL-family rules round trip",
  (ctx) => {
    before(async () => {
      const defaults = DEFAULTS.map(([type, value], i) => `d${i} ${type} NULL DEFAULT ${value}`);
      const checks = CHECKS.map((c, i) => `CONSTRAINT k${i} CHECK (${c})`);
      const generated = GENERATED.map(([type, e], i) => `g${i} ${type} AS (${e}) ${i % 2 ? "STORED" : "VIRTUAL"}`);
      await runSql(ctx.db.url, [
        `CREATE TABLE defaults_t (${defaults.join(", ")})`,
        `CREATE TABLE checks_t (a int, b int, s varchar(20), ${checks.join(", ")})`,
        `CREATE TABLE generated_t (a int, s varchar(20), ${generated.join(", ")})`,
      ]);
    });

    it("gives each default the same canonical form written and reflected", async () => {
      const columns = tableOf(await reflect(ctx.db.url), "defaults_t").columns;
      DEFAULTS.forEach(([type, value, canonical], i) => {
        const written = mysqlRules.normalizeDefault(value, mysqlRules.parseType(type));
        expect(written, `${type} DEFAULT ${value} as written`).to.equal(canonical);
        expect(columns[i]!.default, `${type} DEFAULT ${value} as reflected`).to.equal(canonical);
      });
    });

    it("parses each type the same written and reflected", async () => {
      const columns = tableOf(await reflect(ctx.db.url), "defaults_t").columns;
      DEFAULTS.forEach(([type], i) => {
        expect(columns[i]!.type, type).to.deep.equal(mysqlRules.parseType(type));
      });
    });

    it("gives each CHECK the same canonical form written and reflected", async () => {
      const checks = new Map(tableOf(await reflect(ctx.db.url), "checks_t").checks.map((c) => [c.name, c.expression]));
      CHECKS.forEach((written, i) => {
        expect(checks.get(`k${i}`), written).to.equal(mysqlRules.normalizeExpression(written));
      });
    });

    it("gives each generated expression the same canonical form written and reflected", async () => {
      const columns = tableOf(await reflect(ctx.db.url), "generated_t").columns.slice(2);
      GENERATED.forEach(([, written], i) => {
        expect(columns[i]!.generated, written).to.deep.equal({
          expression: mysqlRules.normalizeExpression(written),
          stored: i % 2 === 1,
        });
      });
    });
  },
  { targets: ["mariadb"] },
);
