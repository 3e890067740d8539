import type { RevisionInfo, ChecksumWarning } from "@retort/runtime";
import type { Output } from "./output";

const ids = (list: readonly string[]): string => (list.length === 0 ? "<base>" : list.join(", "));

/**
 * `down -> rev (head) (branchpoint), message`, as Alembic's history lists a revision;
 * `rev (head), message` without the parents, as its `current` and `heads` do.
 */
export function revisionLine(out: Output, r: RevisionInfo, options: { parents: boolean } = { parents: true }): string {
  const marks = [
    r.isHead ? "(head)" : "",
    r.isCurrent ? out.paint.green("(current)") : "",
    r.isMerge ? "(mergepoint)" : "",
    r.isBranchPoint ? "(branchpoint)" : "",
    r.branchLabels.length ? `(${r.branchLabels.join(", ")})` : "",
  ].filter(Boolean);
  const parents = options.parents ? `${ids(r.downRevisions)} -> ` : "";
  return `${parents}${out.paint.bold(r.revision)}${marks.length ? ` ${marks.join(" ")}` : ""}, ${r.message}`;
}

/** The verbose block: every header field of a revision. */
export function revisionDetails(r: RevisionInfo): string[] {
  return [
    `Rev: ${r.revision}${r.isHead ? " (head)" : ""}${r.isCurrent ? " (current)" : ""}`,
    `Parent: ${ids(r.downRevisions)}`,
    ...(r.branchLabels.length ? [`Branch labels: ${r.branchLabels.join(", ")}`] : []),
    ...(r.dependsOn.length ? [`Depends on: ${r.dependsOn.join(", ")}`] : []),
    `Path: ${r.file}`,
    ...(r.createdAt ? [`Created: ${r.createdAt}`] : []),
    "",
    `    ${r.message}`,
    "",
  ];
}

export function printChecksumWarnings(out: Output, warnings: readonly ChecksumWarning[]): void {
  for (const w of warnings) out.warn(w.message);
}
