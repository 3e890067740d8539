import { RetortError } from "@retort/core";
import type { InterruptedRevision } from "../version/version-table";

const at = (heads: readonly string[]) => (heads.length > 0 ? heads.join(" ") : "base");

/** What happened to an interrupted revision and how to recover, in one paragraph (current, upgrade, check). */
export function describeInterrupted(r: InterruptedRevision, file?: string): string {
  const what = r.failure ? `failed (${r.failure})` : "did not finish (the process was killed, or lost its connection)";
  return (
    `The ${r.direction} of revision ${r.revision}${file ? ` (${file})` : ""}, ${at(r.headsBefore)} -> ${at(r.headsAfter)}, started at ${r.startedAt} and ${what}. ` +
    `MySQL/MariaDB commit each DDL statement at once, so part of it may be in the database while the version table still says ${at(r.headsBefore)}. ` +
    `Inspect the schema against the migration, then either undo what it did and run \`retort stamp ${at(r.headsBefore)}\`, ` +
    `or finish it by hand and run \`retort stamp ${at(r.headsAfter)}\`; stamp clears this mark.`
  );
}

/** `upgrade`, `downgrade`, `check` and `autogen` refuse to work on top of a half-applied revision. */
export class InterruptedRevisionError extends RetortError {
  constructor(
    readonly interrupted: readonly InterruptedRevision[],
    files: ReadonlyMap<string, string> = new Map(),
  ) {
    super("revision_interrupted", interrupted.map((r) => describeInterrupted(r, files.get(r.revision))).join("\n"));
  }
}
