import { RetortError } from "@retort/core";
import type { DdlRenderers } from "./render-context";

/** The connected dialect cannot do what an operation asks. */
export class UnsupportedOperationError extends RetortError {
  constructor(readonly dialect: string, readonly what: string, readonly hint: string) {
    super("unsupported_operation", `${dialect} cannot ${what}. ${hint}`);
  }
}

/** `ON UPDATE <expression>` on a column is MySQL/MariaDB only (docs/synchronize-features.md). */
export function refuseOnUpdate(dialect: string, column: string): never {
  throw new UnsupportedOperationError(
    dialect,
    `give column "${column}" an ON UPDATE expression`,
    "ON UPDATE is MySQL/MariaDB only: drop the onUpdate option (a trigger does the same on this engine).",
  );
}

/**
 * Marks an `existing` column whose facts the migration did not give (`existingType` …).
 * Renderers that restate the whole column (MySQL MODIFY) refuse it rather than guess.
 */
export const UNKNOWN_TYPE_NAME = "?";

/** MySQL needs the column's current definition to restate it, and the migration did not carry it. */
export class MissingExistingColumnError extends RetortError {
  constructor(readonly table: string, readonly column: string) {
    super(
      "missing_existing_column",
      `alterColumn on ${table}.${column} needs the column's current definition on MySQL/MariaDB (MODIFY restates the whole column). Pass existingType (and existingNullable, existingDefault, existingComment) in the changes, or run the migration online so retort can read it.`,
    );
  }
}

/** createExtension and dropExtension where there are no extensions: a clear refusal. */
export function noExtensions(engine: string): Pick<DdlRenderers, "createExtension" | "dropExtension"> {
  const refuse = (verb: string) => (op: { extension: { name: string } }): never => {
    throw new UnsupportedOperationError(engine, `${verb} extension "${op.extension.name}"`, "Extensions exist on PostgreSQL only: remove the call from this migration.");
  };
  return { createExtension: refuse("create"), dropExtension: refuse("drop") };
}

/** Exclusion constraints where there are none (PostgreSQL only, docs/schema-objects.md): a clear refusal. */
export function noExclusions(engine: string): Pick<DdlRenderers, "createExclusionConstraint" | "dropExclusionConstraint"> {
  const refuse = (verb: string) => (op: { table: string; exclusion: { name: string } }): never => {
    throw new UnsupportedOperationError(
      engine,
      `${verb} exclusion constraint "${op.exclusion.name}" on "${op.table}"`,
      "Exclusion constraints (@Exclusion) exist on PostgreSQL only: remove the call from this migration.",
    );
  };
  return { createExclusionConstraint: refuse("create"), dropExclusionConstraint: refuse("drop") };
}
