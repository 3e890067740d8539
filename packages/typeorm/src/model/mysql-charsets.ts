import { RetortError, type DialectName } from "@retort/core";

/** A `charset`-only column whose charset's default collation retort does not know. */
export class UnknownCharsetError extends RetortError {
  constructor(readonly charset: string, readonly where: string) {
    super(
      "unknown_charset",
      `${where}: charset "${charset}" without a collation; retort cannot tell which collation the server gives it. ` +
        `Add the collation to the column (collation: "${charset}_general_ci", or what SHOW CHARACTER SET lists as its default).`,
    );
  }
}

/**
 * The collation a column gets from `CHARACTER SET x` alone: the charset's default
 * (SHOW CHARACTER SET, https://mariadb.com/kb/en/supported-character-sets-and-collations/,
 * https://dev.mysql.com/doc/refman/8.0/en/charset-charsets.html). The model keeps
 * collations only (a collation names its charset), so a TypeORM `charset` without a
 * `collation` becomes this. Only charsets whose default is the same on MariaDB and MySQL,
 * plus utf8mb4, whose default differs; an unknown charset is an UnknownCharsetError
 * (docs/synchronize-features.md, "Collation").
 */
const DEFAULT_COLLATIONS: Readonly<Record<string, string>> = {
  latin1: "latin1_swedish_ci",
  latin2: "latin2_general_ci",
  ascii: "ascii_general_ci",
  binary: "binary",
  utf8: "utf8mb3_general_ci",
  utf8mb3: "utf8mb3_general_ci",
  ucs2: "ucs2_general_ci",
  utf16: "utf16_general_ci",
  utf32: "utf32_general_ci",
  cp1250: "cp1250_general_ci",
  cp1251: "cp1251_general_ci",
  greek: "greek_general_ci",
  hebrew: "hebrew_general_ci",
};

/** `where` names the column for the error (`table.column`). */
export function charsetDefaultCollation(charset: string | null, dialect: DialectName, where: string): string | null {
  if (charset === null) return null;
  const name = charset.toLowerCase();
  if (name === "utf8mb4") return dialect === "mysql" ? "utf8mb4_0900_ai_ci" : "utf8mb4_general_ci";
  const collation = DEFAULT_COLLATIONS[name];
  if (collation === undefined) throw new UnknownCharsetError(charset, where);
  return collation;
}
