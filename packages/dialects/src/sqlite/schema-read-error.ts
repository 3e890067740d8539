import { RetortError } from "@retort/core";

/** A CREATE statement in `sqlite_master` that retort's parser could not read. */
export class SqliteSchemaReadError extends RetortError {
  constructor(
    readonly kind: "table" | "index",
    readonly objectName: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      "unreadable_schema",
      `Could not read the CREATE ${kind.toUpperCase()} statement of SQLite ${kind} "${objectName}": ${reason}. ` +
        `See it with: SELECT sql FROM sqlite_master WHERE name = '${objectName.replace(/'/g, "''")}'; ` +
        `exclude the ${kind === "table" ? "table" : "index"} with includeName, and please report the statement as a retort bug.`,
      options,
    );
  }
}

/** Runs a parser, turning its failure into a SqliteSchemaReadError naming the object. */
export function readingSchemaOf<T>(kind: "table" | "index", name: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new SqliteSchemaReadError(kind, name, e instanceof Error ? e.message : String(e), { cause: e });
  }
}
