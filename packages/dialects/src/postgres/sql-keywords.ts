/**
 * Keyword and operator data for canonical expression spelling.
 * Precedence follows https://www.postgresql.org/docs/15/sql-syntax-lexical.html#SQL-PRECEDENCE
 * (higher binds tighter).
 */

/** A set from a space-separated list: keyword lists stay readable at a glance. */
const wordSet = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Words printed upper-case, as `pg_get_expr()` prints them. Other unquoted words are lower-cased. */
export const UPPER_KEYWORDS = wordSet(`
  AND OR NOT IS NULL IN LIKE ILIKE BETWEEN SYMMETRIC SIMILAR TO ESCAPE CASE WHEN THEN ELSE END
  DISTINCT FROM ANY ALL SOME ARRAY ISNULL NOTNULL CAST AS COLLATE AT TIME ZONE EXISTS INTERVAL
  UNKNOWN CURRENT_TIMESTAMP CURRENT_DATE CURRENT_TIME LOCALTIME LOCALTIMESTAMP CURRENT_USER
  SESSION_USER CURRENT_ROLE USER SELECT VALUES WITH OVERLAPS
`);

/**
 * Identifiers that must stay quoted because PostgreSQL reserves them (or restricts them
 * as names): https://www.postgresql.org/docs/15/sql-keywords-appendix.html
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...UPPER_KEYWORDS,
  ...wordSet(`
    ORDER GROUP TABLE COLUMN CHECK DEFAULT PRIMARY REFERENCES UNIQUE WHERE LIMIT OFFSET ON ONLY
    USING ASC DESC TRUE FALSE CONSTRAINT FOREIGN CREATE GRANT HAVING INTO LEADING TRAILING BOTH
    PLACING RETURNING UNION INTERSECT EXCEPT VARIADIC WINDOW LATERAL FETCH FOR DO ANALYSE ANALYZE
    ASYMMETRIC CURRENT_CATALOG CURRENT_SCHEMA DEFERRABLE INITIALLY BINARY CROSS FULL INNER JOIN
    LEFT NATURAL OUTER RIGHT TABLESAMPLE VERBOSE FREEZE CONCURRENTLY AUTHORIZATION COLLATION
    NULLS POSITION TIMESTAMP CHAR CHARACTER VARCHAR NUMERIC DECIMAL INT INTEGER BIGINT SMALLINT
    REAL FLOAT BOOLEAN DEC NATIONAL NCHAR BIT COALESCE GREATEST LEAST NULLIF EXTRACT OVERLAY
    SUBSTRING TRIM ROW SETOF XMLATTRIBUTES XMLCONCAT
  `),
]);

/** Functions that mean the start of the current transaction, one spelling for all. */
export const CURRENT_TIMESTAMP_SPELLINGS: ReadonlySet<string> = new Set(["now", "transaction_timestamp"]);

/** Multi-word type names that may follow `::`. */
export const MULTI_WORD_TYPES: readonly (readonly string[])[] = [
  ["character", "varying"],
  ["char", "varying"],
  ["double", "precision"],
  ["bit", "varying"],
  ["timestamp", "with", "time", "zone"],
  ["timestamp", "without", "time", "zone"],
  ["time", "with", "time", "zone"],
  ["time", "without", "time", "zone"],
];

export const PRECEDENCE = {
  or: 1,
  and: 2,
  not: 3,
  is: 4,
  comparison: 5,
  likeInBetween: 6,
  otherOperator: 7,
  additive: 8,
  multiplicative: 9,
  exponent: 10,
  atTimeZone: 11,
  collate: 12,
  unary: 13,
  subscript: 14,
  cast: 15,
} as const;

export const COMPARISONS: ReadonlySet<string> = new Set(["=", "<", ">", "<=", ">=", "<>", "!="]);

/** Precedence of a symbolic binary operator. */
export function symbolicPrecedence(op: string): number {
  if (COMPARISONS.has(op)) return PRECEDENCE.comparison;
  if (op === "+" || op === "-") return PRECEDENCE.additive;
  if (op === "*" || op === "/" || op === "%") return PRECEDENCE.multiplicative;
  if (op === "^") return PRECEDENCE.exponent;
  return PRECEDENCE.otherOperator;
}
