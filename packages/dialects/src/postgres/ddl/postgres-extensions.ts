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

/**
 * Appended to an extension's comment by createExtension: the mark that a migration created
 * it, so the downgrade drops only such an extension (docs/schema-objects.md, "Extensions").
 * An extension that was there before (installed by hand, by a DBA, by TypeORM) is kept.
 */
export const CREATED_BY_RETORT_MARK = "[created by a retort migration]";

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** CREATE EXTENSION when missing, marked as a migration's; nothing when it is there already. */
export function createExtensionSql(name: string): string {
  const found = `(SELECT oid FROM pg_extension WHERE extname = ${literal(name)})`;
  return [
    "DO $retort$ BEGIN",
    `  IF ${found} IS NULL THEN`,
    `    CREATE EXTENSION ${ident(name)};`,
    `    EXECUTE format('COMMENT ON EXTENSION %I IS %L', ${literal(name)}, concat_ws(' ', obj_description(${found}, 'pg_extension'), ${literal(CREATED_BY_RETORT_MARK)}));`,
    "  END IF;",
    "END $retort$",
  ].join("\n");
}

/** DROP EXTENSION; with `onlyIfCreatedByRetort`, only when a migration's createExtension made it. */
export function dropExtensionSql(name: string, onlyIfCreatedByRetort: boolean): string {
  if (!onlyIfCreatedByRetort) return `DROP EXTENSION ${ident(name)}`;
  return [
    "DO $retort$ BEGIN",
    `  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = ${literal(name)} AND obj_description(oid, 'pg_extension') LIKE ${literal(`%${CREATED_BY_RETORT_MARK}`)}) THEN`,
    `    DROP EXTENSION ${ident(name)};`,
    "  END IF;",
    "END $retort$",
  ].join("\n");
}
