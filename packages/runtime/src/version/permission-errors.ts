import { RetortError, type DialectName } from "@retort/core";

/**
 * Whether a driver error is the server refusing a right: PostgreSQL SQLSTATE 42501
 * (insufficient_privilege), MySQL/MariaDB ER_TABLEACCESS_DENIED_ERROR (1142),
 * ER_DBACCESS_DENIED_ERROR (1044), ER_SPECIFIC_ACCESS_DENIED_ERROR (1227).
 */
export function isPermissionDenied(e: unknown): boolean {
  const err = e as { code?: unknown; errno?: unknown };
  return err?.code === "42501" || [1142, 1044, 1227].includes(Number(err?.errno));
}

/** The role retort connects as lacks a right on one of retort's own tables. */
export class VersionTablePermissionError extends RetortError {
  constructor(
    readonly right: string,
    readonly object: string,
    readonly tables: readonly string[],
    readonly dialect: DialectName,
    serverMessage: string,
    options?: { cause?: unknown },
  ) {
    const grant =
      right === "CREATE"
        ? `CREATE on the schema (or create the tables once as a role that has it: run \`retort upgrade\` as the owner)`
        : `SELECT, INSERT, UPDATE, DELETE on ${tables.join(" and ")}`;
    super(
      "permission_denied",
      `The database user retort connects as has no ${right} right on ${object} (the server said: ${serverMessage}). retort reads and writes its bookkeeping tables with it, and will not guess the database's revision without it. Grant ${grant} to that user, e.g. \`GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables.join(", ")} TO <user>;\`, or connect as the user that owns them.`,
      options,
    );
  }
}
