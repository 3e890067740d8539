/**
 * Spellings MariaDB/MySQL rewrite when they store an expression (CHECK clauses,
 * generated columns, expression defaults), seen on MariaDB 10.11's
 * information_schema.CHECK_CONSTRAINTS: `upper(s)` comes back as `ucase(s)`,
 * `now()` as `current_timestamp()`, `a % 3` as `a MOD 3`. Both sides are mapped
 * to the stored spelling.
 */

/** Function names (followed by `(`) and the name the server prints. */
export const FUNCTION_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ["upper", "ucase"],
  ["lower", "lcase"],
  ["substring", "substr"],
  ["mid", "substr"],
  ["character_length", "char_length"],
  ["now", "current_timestamp"],
  ["localtime", "current_timestamp"],
  ["localtimestamp", "current_timestamp"],
  ["current_date", "curdate"],
  ["current_time", "curtime"],
]);

/** Niladic keywords usable without parentheses, and the function call they mean. */
export const NILADIC_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ["current_timestamp", "current_timestamp"],
  ["now", "current_timestamp"],
  ["localtime", "current_timestamp"],
  ["localtimestamp", "current_timestamp"],
  ["current_date", "curdate"],
  ["current_time", "curtime"],
  ["utc_timestamp", "utc_timestamp"],
  ["utc_date", "utc_date"],
  ["utc_time", "utc_time"],
]);

/** Operators and keywords with one stored spelling (`&&` is `and` unless PIPES_AS_CONCAT). */
export const OPERATOR_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ["!=", "<>"],
  ["&&", "and"],
  ["||", "or"],
  ["%", "mod"],
  ["rlike", "regexp"],
  ["true", "1"],
  ["false", "0"],
]);

/**
 * Binding strength of binary operators (higher binds tighter), after
 * https://mariadb.com/kb/en/operator-precedence/ — used to drop redundant parentheses,
 * which the server never prints.
 */
export const BINARY_PRECEDENCE: ReadonlyMap<string, number> = new Map([
  ["or", 1],
  ["xor", 2],
  ["and", 3],
  ["between", 5],
  ["=", 6],
  ["<=>", 6],
  [">=", 6],
  [">", 6],
  ["<=", 6],
  ["<", 6],
  ["<>", 6],
  ["is", 6],
  ["like", 6],
  ["regexp", 6],
  ["in", 6],
  ["|", 7],
  ["&", 8],
  ["<<", 9],
  [">>", 9],
  ["+", 10],
  ["-", 10],
  ["*", 11],
  ["/", 11],
  ["div", 11],
  ["mod", 11],
  ["^", 12],
]);

export const PREFIX_NOT_PRECEDENCE = 4;
export const UNARY_PRECEDENCE = 13;

/** Keywords that separate operands the way `(` and `,` do. */
export const BOUNDARY_KEYWORDS: ReadonlySet<string> = new Set(["case", "when", "then", "else", "end"]);
