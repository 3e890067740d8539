import type { AutoIncrementKind, ColumnType, DialectName } from "@retort/core";
import { MYSQL_TYPE_FROM_PORTABLE } from "../mysql/ddl/mysql-types";
import { mysqlRules } from "../mysql/rules";
import { postgresRules } from "../postgres/rules";
import { SQLITE_TYPE_FROM_PORTABLE } from "../sqlite/ddl/sqlite-column";
import { sqliteRules } from "../sqlite/rules";
import { parsePortableType } from "./portable-type";

export interface EnumFacts {
  readonly enumValues?: readonly string[];
  readonly enumName?: string;
}

/**
 * Reads a type string from a migration for the dialect it will run on. PostgreSQL's own
 * rules read every PostgreSQL spelling (`int4`, `character varying(20)[]`, `float(24)`).
 * SQLite's keep a declared type as written (`int` is not `integer` there: only the latter
 * makes a rowid alias), except portable names its data table maps (`timestamptz`, `jsonb`).
 * On MySQL, MySQL's rules read MySQL spellings (`int(11)`, `tinyint(1)`, `decimal`), and the
 * portable reader keeps the names the renderer's data table maps (`jsonb`, `uuid`, `text[]`).
 */
export function parseOpType(text: string, dialect: DialectName, facts: EnumFacts = {}): ColumnType {
  const isEnum = facts.enumName !== undefined || /^\s*enum\b/i.test(text);
  if (dialect === "postgres" && !isEnum) {
    const parsed = postgresRules.parseType(text);
    return { ...parsed, enumValues: facts.enumValues ?? parsed.enumValues, enumName: facts.enumName ?? parsed.enumName };
  }
  const portable = parsePortableType(text, facts);
  if (dialect === "mysql" || dialect === "mariadb") {
    const mapped = MYSQL_TYPE_FROM_PORTABLE[portable.name];
    const needsMapping = mapped !== undefined && mapped.to !== portable.name && portable.name !== "integer" && portable.name !== "numeric";
    if (isEnum || portable.arrayDimensions > 0 || needsMapping) return portable;
    return mysqlRules.parseType(text, dialect);
  }
  if ( isEnum || portable.arrayDimensions > 0 || portable.name in SQLITE_TYPE_FROM_PORTABLE) return portable;
  return sqliteRules.parseType(text);
}

/** `serial`, `bigserial`, `smallserial` (and `serial4` …): an integer type with an owned sequence. */
export function isSerialSpelling(text: string): boolean {
  return /^\s*(?:big|small)?serial[248]?\s*$/i.test(text);
}

/**
 * A portable auto-increment kind as the dialect's introspection reports it, so the op
 * API's operations read like the live schema: TypeORM's `increment` is `serial` on
 * PostgreSQL and `AUTOINCREMENT` on SQLite.
 */
export function dialectAutoIncrement(kind: AutoIncrementKind | null, dialect: DialectName): AutoIncrementKind | null {
  if (kind === null) return null;
  switch (dialect) {
    case "postgres":
      return kind === "identity-always" || kind === "identity-by-default" ? kind : "serial";
    case "mysql":
    case "mariadb":
      return "auto-increment";
    case "sqlite":
      return kind === "rowid" ? "rowid" : "sqlite-autoincrement";
  }
}
