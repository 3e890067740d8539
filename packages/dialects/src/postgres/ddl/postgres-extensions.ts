/**
 * TypeORM writes `uuid_generate_v4()` as the default of a generated uuid (its default
 * `uuidExtension`), a function of the uuid-ossp extension, and its synchronize creates
 * that extension first. A fresh database has no extension, so DDL that sets such a
 * default creates it first too (idempotent, and trusted: the database owner may create it).
 */
const UUID_OSSP_FUNCTION = /\buuid_generate_v(?:1|1mc|3|4|5)\s*\(/i;

export const CREATE_UUID_OSSP = `CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`;

/** `[CREATE EXTENSION …]` when one of the defaults calls a uuid-ossp function, else `[]`. */
export function extensionsForDefaults(defaults: readonly (string | null | undefined)[]): string[] {
  return defaults.some((d) => typeof d === "string" && UUID_OSSP_FUNCTION.test(d)) ? [CREATE_UUID_OSSP] : [];
}
