import type { DialectName } from "@retort/core";

/** How a dialect quotes identifiers and string literals. */
export interface Quoting {
  ident(name: string): string;
  /** `schema.name`, or the bare quoted name when `schema` is `null`. */
  qualified(schema: string | null, name: string): string;
  literal(value: string): string;
}

function quoting(quote: string, literal: (value: string) => string): Quoting {
  const ident = (name: string) => `${quote}${name.split(quote).join(quote + quote)}${quote}`;
  return {
    ident,
    qualified: (schema, name) => (schema === null ? ident(name) : `${ident(schema)}.${ident(name)}`),
    literal,
  };
}

const standardLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Always quoted, so reserved words (`order`) and odd names (`we"ird`) just work. */
export const POSTGRES_QUOTING = quoting('"', standardLiteral);
export const SQLITE_QUOTING = quoting('"', standardLiteral);
/**
 * MySQL treats `\` as an escape inside strings unless NO_BACKSLASH_ESCAPES is set
 * (https://dev.mysql.com/doc/refman/8.0/en/string-literals.html), so it is doubled too.
 */
export const MYSQL_QUOTING = quoting("`", (value) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`);

export function quotingFor(dialect: DialectName): Quoting {
  switch (dialect) {
    case "postgres":
      return POSTGRES_QUOTING;
    case "mysql":
    case "mariadb":
      return MYSQL_QUOTING;
    case "sqlite":
      return SQLITE_QUOTING;
  }
}
