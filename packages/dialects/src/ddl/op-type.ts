import type { ColumnType, DialectName } from "@retort/core";
import { postgresRules } from "../postgres/rules";
import { parsePortableType } from "./portable-type";

export interface EnumFacts {
  readonly enumValues?: readonly string[];
  readonly enumName?: string;
}

/**
 * Reads a type string from a migration for the dialect it will run on. PostgreSQL's own
 * rules read every PostgreSQL spelling (`int4`, `character varying(20)[]`, `float(24)`);
 * on MySQL and SQLite the strings are portable names (`boolean`, `jsonb`, `text[]`) that
 * each renderer maps from its data table, so the portable reader keeps them as written.
 */
export function parseOpType(text: string, dialect: DialectName, facts: EnumFacts = {}): ColumnType {
  const portable = parsePortableType(text, facts);
  if (dialect !== "postgres" || portable.name === "enum" || portable.enumName !== null) return portable;
  const parsed = postgresRules.parseType(text);
  // A user type the rules keep as written (an enum named in the string) still takes the facts.
  return { ...parsed, enumValues: facts.enumValues ?? parsed.enumValues, enumName: facts.enumName ?? parsed.enumName };
}

/** `serial`, `bigserial`, `smallserial` (and `serial4` …): an integer type with an owned sequence. */
export function isSerialSpelling(text: string): boolean {
  return /^\s*(?:big|small)?serial[248]?\s*$/i.test(text);
}
