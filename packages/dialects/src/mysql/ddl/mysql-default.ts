/**
 * Literal defaults as MySQL writes them bare: numbers, strings, bit and hex literals,
 * NULL, booleans, and CURRENT_TIMESTAMP (the one function a bare default may be).
 */
const LITERAL_DEFAULT =
  /^(?:[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?|'(?:[^'\\]|''|\\.)*'|[bx]'[0-9a-f]*'|0x[0-9a-f]+|null|true|false|current_timestamp(?:\(\d*\))?)$/i;

/**
 * A default as `DEFAULT …` and `SET DEFAULT …` write it: any other expression in
 * brackets, which MySQL 8 requires for an expression default
 * (https://dev.mysql.com/doc/refman/8.0/en/data-type-defaults.html) and MariaDB accepts;
 * bare, `uuid()` would be a syntax error on MySQL.
 */
export function mysqlDefault(expression: string): string {
  const e = expression.trim();
  return LITERAL_DEFAULT.test(e) ? e : `(${e})`;
}
