import { RetortError } from "@retort/core";

/** Where a revision came from, for messages: its file when known. */
function where(revision: string, file: string | undefined): string {
  return file ? `${revision} (${file})` : revision;
}

/** Revisions whose down revisions or dependencies loop back to themselves. */
export class RevisionCycleError extends RetortError {
  constructor(readonly revisions: readonly string[]) {
    super(
      "revision_cycle",
      revisions.length === 1
        ? `Revision ${revisions[0]} names itself as its down revision or dependency. Point its downRevision at its real parent (or null for a first revision).`
        : `The revisions ${revisions.join(" -> ")} -> ${revisions[0]} form a cycle through their downRevision/dependsOn. Break the cycle by fixing one of these files.`,
    );
  }
}

/** A downRevision or dependsOn entry that no script provides. */
export class MissingDownRevisionError extends RetortError {
  constructor(
    readonly revision: string,
    readonly missing: string,
    readonly file: string | undefined,
    readonly field: "downRevision" | "dependsOn",
  ) {
    super(
      "missing_down_revision",
      `Revision ${where(revision, file)} has ${field} "${missing}", but no migration file has that revision. Restore the missing file or fix ${field}.`,
    );
  }
}

export class DuplicateRevisionError extends RetortError {
  constructor(
    readonly revision: string,
    readonly files: readonly (string | undefined)[],
  ) {
    super(
      "duplicate_revision",
      `Revision id ${revision} is used by more than one migration: ${files.map((f) => f ?? "(unnamed)").join(", ")}. Give one of them a new id (and update the downRevision of its children).`,
    );
  }
}

export class DuplicateBranchLabelError extends RetortError {
  constructor(
    readonly label: string,
    readonly revisions: readonly string[],
    readonly reason: "label" | "revision-id",
  ) {
    super(
      "duplicate_branch_label",
      reason === "label"
        ? `Branch label "${label}" is declared by more than one revision: ${revisions.join(", ")}. A label names one branch: keep it on one revision.`
        : `Branch label "${label}" on revision ${revisions[0]} is also a revision id. Rename the label.`,
    );
  }
}

export class UnknownRevisionError extends RetortError {
  constructor(readonly target: string) {
    super(
      "unknown_revision",
      `No revision matches "${target}". Run \`retort history\` to list revisions; a prefix needs at least 4 characters.`,
    );
  }
}

export class AmbiguousRevisionError extends RetortError {
  constructor(
    readonly prefix: string,
    readonly candidates: readonly string[],
  ) {
    super(
      "ambiguous_revision",
      `Revision prefix "${prefix}" matches several revisions: ${candidates.join(", ")}. Type more characters of the id.`,
    );
  }
}

export class MultipleHeadsError extends RetortError {
  constructor(
    readonly target: string,
    readonly heads: readonly string[],
    readonly suggestion: string,
  ) {
    super(
      "multiple_heads",
      `"${target}" needs a single head, but there are several: ${heads.join(", ")}. ${suggestion}`,
    );
  }
}

/** A target whose syntax is wrong or that a relative walk cannot reach. */
export class InvalidTargetError extends RetortError {
  constructor(
    readonly target: string,
    reason: string,
  ) {
    super("invalid_target", `Cannot resolve revision target "${target}": ${reason}`);
  }
}

/** The database records a revision that no migration file has. */
export class UnknownDatabaseRevisionError extends RetortError {
  constructor(
    readonly revisions: readonly string[],
    readonly versionTable: string,
  ) {
    super(
      "unknown_database_revision",
      `The database's ${versionTable} table records revision ${revisions.join(", ")}, which no migration file has. Restore the missing file, or reset the record with \`retort stamp <rev> --purge\`.`,
    );
  }
}

export class DowngradeTargetError extends RetortError {
  constructor(
    readonly target: string,
    readonly current: readonly string[],
  ) {
    super(
      "invalid_downgrade_target",
      `Cannot downgrade to ${target}: it is not applied (the database is at ${current.length ? current.join(", ") : "base"}). Use \`retort upgrade ${target}\` to move forward.`,
    );
  }
}
