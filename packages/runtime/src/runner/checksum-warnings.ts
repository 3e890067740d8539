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
