import { RetortError } from "@retort/core";

/** A migration file whose exports are not a valid revision. */
export class InvalidMigrationError extends RetortError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super("invalid_migration", `Migration ${file} is not valid: ${problem}`);
  }
}

export class ScriptDirectoryError extends RetortError {
  constructor(
    readonly dir: string,
    reason: string,
  ) {
    super("script_directory", `Script directory ${dir}: ${reason}`);
  }
}
