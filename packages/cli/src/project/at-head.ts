import { RetortError, type Queryable } from "@retort/core";
import { loadScriptDirectory, MigrationRunner, type ChecksumWarning, type ScriptDirectory } from "@retort/runtime";

/** The database has not had every migration applied: comparing it now would mislead. */
export class DatabaseNotAtHeadError extends RetortError {
  constructor(
    readonly databaseHeads: readonly string[],
    readonly scriptHeads: readonly string[],
    readonly command: string,
  ) {
    super(
      "database_not_at_head",
      `The database is at ${databaseHeads.length ? databaseHeads.join(", ") : "base (no revision applied)"}, but the migrations' head is ${scriptHeads.join(", ")}. Run \`retort upgrade head\` first, then \`retort ${command}\` again.`,
    );
  }
}

/**
 * Loads the script directory and refuses when the database is behind its heads: a
 * diff against an old schema would list changes that migrations already make.
 */
export async function requireDatabaseAtHead(
  db: Queryable,
  migrationsDir: string,
  versionTable: string,
  command: string,
): Promise<{ scripts: ScriptDirectory; databaseHeads: string[]; warnings: readonly ChecksumWarning[] }> {
  const scripts = await loadScriptDirectory(migrationsDir);
  const scriptHeads = scripts.graph.heads().sort();
  if (scriptHeads.length === 0) return { scripts, databaseHeads: [], warnings: [] };
  // verbose: also the applied migrations edited since they ran (SPEC: check warns about them).
  const current = await new MigrationRunner({ scripts, db, versionTable }).current({ verbose: true });
  const databaseHeads = current.heads.map((h) => h.revision).sort();
  if (databaseHeads.join() !== scriptHeads.join()) throw new DatabaseNotAtHeadError(databaseHeads, scriptHeads, command);
  return { scripts, databaseHeads, warnings: current.warnings };
}
