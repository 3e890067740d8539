/**
 * What a revision header may hold, checked both when a file is loaded and before a new
 * one is written (so `revision`/`autogen` never write a file later commands refuse).
 */

/** Ids go into SQL literals and file names: keep them to a safe alphabet. */
export const REVISION_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Why a branch label is unusable (it would clash with target syntax: `label@head`, `a:b`, `+1`), or undefined. */
export function branchLabelProblem(label: string): string | undefined {
  if (label.trim() === "") return "a branch label may not be empty.";
  if (/[@:+\s]/.test(label)) return `branch label "${label}" may not contain "@", ":", "+" or spaces.`;
  return undefined;
}
