import { RetortError } from "@retort/core";

/** A value in an operation (bulkInsert row, execute parameter) that has no source literal. */
export class UnrenderableValueError extends RetortError {
  constructor(readonly value: unknown, readonly where: string) {
    super(
      "unrenderable_value",
      `Cannot write ${describe(value)} in ${where} as a TypeScript literal. Use strings, numbers, booleans, null, bigints, Dates, arrays or plain objects.`,
    );
  }
}

/** A requested rename (`--rename`, `--rename-table`) that does not match this migration. */
export class RenameMismatchError extends RetortError {
  constructor(readonly request: string, detail: string) {
    super("rename_not_found", `Cannot apply rename "${request}": ${detail}`);
  }
}

/** A rename request that is not `table.old=new` / `old=new`. */
export class InvalidRenameError extends RetortError {
  constructor(readonly request: string, readonly expected: string) {
    super("invalid_rename", `Invalid rename "${request}": expected ${expected}.`);
  }
}

/** A rewrite hook returned something a batchAlterTable block cannot hold. */
export class RewriteError extends RetortError {
  constructor(message: string) {
    super("invalid_rewrite", message);
  }
}

/** The migration file already exists; retort never overwrites one. */
export class MigrationFileExistsError extends RetortError {
  constructor(readonly path: string) {
    super(
      "migration_file_exists",
      `Migration file ${path} already exists. Choose another --rev-id or remove the file.`,
    );
  }
}

/** A file-name template that cannot produce a usable name. */
export class InvalidFileTemplateError extends RetortError {
  constructor(readonly template: string, detail: string) {
    super(
      "invalid_file_template",
      `Invalid migration file name template "${template}": ${detail}. Use tokens like {date}_{rev}_{slug}.`,
    );
  }
}

/** A post-write formatter failed on a freshly written migration file. */
export class PostWriteError extends RetortError {
  constructor(readonly path: string, readonly step: string, reason: string, options?: { cause?: unknown }) {
    super(
      "post_write_failed",
      `The post-write step ${step} failed on ${path}: ${reason}. The file was written; fix the step in the config's postWrite (or remove it) and format the file by hand.`,
      options,
    );
  }
}

function describe(value: unknown): string {
  if (typeof value === "number") return `the number ${String(value)}`;
  if (typeof value === "object" && value !== null) return `a ${value.constructor?.name ?? "object"}`;
  return `a ${typeof value}`;
}
