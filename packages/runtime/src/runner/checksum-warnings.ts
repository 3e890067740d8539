import { RetortError } from "@retort/core";
import type { ScriptDirectory } from "../scripts/script-directory";

export interface ChecksumWarning {
  readonly kind: "edited_after_apply";
  readonly revision: string;
  readonly file: string;
  readonly recorded: string;
  readonly actual: string;
  readonly message: string;
}

/** Applied revisions whose file changed since they were applied (or stamped). */
export function checksumWarnings(
  scripts: ScriptDirectory,
  applied: Iterable<string>,
  recorded: ReadonlyMap<string, string>,
): ChecksumWarning[] {
  const out: ChecksumWarning[] = [];
  for (const id of applied) {
    const script = scripts.scripts.get(id);
    const was = recorded.get(id);
    if (!script || was === undefined || was === script.checksum) continue;
    out.push({
      kind: "edited_after_apply",
      revision: id,
      file: script.file,
      recorded: was,
      actual: script.checksum,
      message: `Migration ${id} (${script.file}) was edited after it was applied: the database did not run the current version. Revert the edit, or write a new revision for the change.`,
    });
  }
  return out;
}

/**
 * Strict mode (`--strict`, `strictChecksums`): an applied migration whose file changed is
 * an error, as Flyway's validation makes it, not a warning. README.md, "Edited migrations".
 */
export class EditedMigrationsError extends RetortError {
  constructor(readonly edited: readonly ChecksumWarning[]) {
    const list = edited.map((w) => `${w.revision} (${w.file})`).join(", ");
    super(
      "edited_migrations",
      `${edited.length === 1 ? "An applied migration was" : `${edited.length} applied migrations were`} edited after ${edited.length === 1 ? "it was" : "they were"} applied: ${list}. The database did not run the current version, and strict mode (--strict / strictChecksums) refuses to go on. Revert the edit, or write a new revision for the change; if the edit changes nothing the database runs (a comment), accept it with \`retort stamp --purge <current revision(s)>\`, which records the files' checksums again.`,
    );
  }
}
