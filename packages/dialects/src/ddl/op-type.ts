import type { ColumnType, DialectName } from "@retort/core";
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
 * On MySQL the portable reader keeps names the renderer's data table maps (`boolean`, `jsonb`).
 */
export function parseOpType(text: string, dialect: DialectName, facts: EnumFacts = {}): ColumnType {
  const isEnum = facts.enumName !== undefined || /^\s*enum\b/i.test(text);
  if (dialect === "postgres" && !isEnum) {
    const parsed = postgresRules.parseType(text);
    return { ...parsed, enumValues: facts.enumValues ?? parsed.enumValues, enumName: facts.enumName ?? parsed.enumName };
  }
  const portable = parsePortableType(text, facts);
  if (dialect !== "sqlite" || isEnum || portable.arrayDimensions > 0 || portable.name in SQLITE_TYPE_FROM_PORTABLE) return portable;
  return sqliteRules.parseType(text);
}

/** `serial`, `bigserial`, `smallserial` (and `serial4` …): an integer type with an owned sequence. */
export function isSerialSpelling(text: string): boolean {
  return /^\s*(?:big|small)?serial[248]?\s*$/i.test(text);
}
