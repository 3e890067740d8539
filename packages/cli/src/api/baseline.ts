import { compareSchemas, describeLine, describeOperations, type DiffEntry } from "@retort/compare";
import { RetortError, type DialectName, type Queryable } from "@retort/core";
import { loadScriptDirectory, MigrationRunner, VersionTable, type ScriptDirectory } from "@retort/runtime";
import { relative } from "node:path";
import type { ResolvedConfig } from "../config/load-config";
import { databaseTablesByOwner, type KeptTable } from "../project/bookkeeping-tables";
import { loadProjectConfig, withConnection, type ProjectOptions } from "../project/session";
import { writeGeneratedRevision } from "./autogen";
import { compareProject } from "./check";

/** `retort baseline` will not adopt this project as it is; the message says what to do instead. */
export class BaselineRefusedError extends RetortError {}

export interface BaselineOptions extends ProjectOptions {
  readonly message: string;
  readonly revId?: string;
  /** Render and return the file; write nothing, stamp nothing. */
  readonly dryRun?: boolean;
  /** Also return the SQL the revision runs on a fresh database. */
  readonly sql?: boolean;
}

export interface BaselineResult {
  readonly dialect: DialectName;
  readonly revision: string;
  /** Absent with `dryRun`. */
  readonly file?: string;
  /** The file's text (always with `dryRun`). */
  readonly source: string;
  /** What the revision creates on a fresh database, as `check` describes operations. */
  readonly operations: readonly DiffEntry[];
  /** The database was marked as being at `revision` (false with `dryRun`). */
  readonly stamped: boolean;
  /** Other tools' tables found in the database and left as they are. */
  readonly keptTables: readonly KeptTable[];
  readonly statements?: readonly string[];
}

/**
 * `retort baseline -m`: adopts a database that TypeORM built (migrations or synchronize).
 * Writes one revision creating the entities' schema, so a fresh database can still be
 * built from the migrations, and stamps the existing database at it without running it.
 * Refuses unless the migrations folder is empty, the database has no retort revision,
 * and the entities and the database agree (README.md, "Adopting retort in an existing project").
 */
export async function baseline(options: BaselineOptions): Promise<BaselineResult> {
  const config = await loadProjectConfig(options);
  refuseExistingMigrations(config, await loadScriptDirectory(config.migrations));
  const cmp = await compareProject(options, "baseline");
  return withConnection(cmp.address, async (db) => {
    await refuseManagedDatabase(db, config);
    const { tables, kept } = databaseTablesByOwner(cmp);
    if (tables === 0) throw new BaselineRefusedError("baseline_empty_database", `The database has no tables to adopt. For a new database, run \`retort autogen -m "initial schema"\` and \`retort upgrade\` instead.`);
    if (!cmp.upToDate) throw differencesError(cmp.operations, cmp.dialect);

    const empty = { ...cmp.actual, tables: [], enums: [], views: [], ...(cmp.actual.extensions ? { extensions: [] } : {}) };
    const creates = compareSchemas(cmp.target, empty, cmp.compareOptions);
    const written = await writeGeneratedRevision(cmp, creates, { message: options.message, revId: options.revId, dryRun: options.dryRun, sql: options.sql, allowEmpty: true });
    if (!written?.revision || written.source === undefined) throw new BaselineRefusedError("baseline_not_written", "The revision hooks (processRevisionDirectives or rewriter in the config) left no baseline revision to write.");
    const result = { dialect: cmp.dialect, revision: written.revision, file: written.file, source: written.source, operations: describeOperations(creates), keptTables: kept, statements: written.statements };
    if (options.dryRun || !written.file) return { ...result, stamped: false };
    await stampBaseline(db, config, written.revision, written.file);
    return { ...result, stamped: true };
  });
}

function refuseExistingMigrations(config: ResolvedConfig, scripts: ScriptDirectory): void {
  if (scripts.scripts.size === 0) return;
  const heads = scripts.graph.heads().join(", ");
  throw new BaselineRefusedError(
    "baseline_migrations_exist",
    `${relative(config.projectDir, config.migrations) || "."}/ already has ${scripts.scripts.size} revision${scripts.scripts.size === 1 ? "" : "s"} (head ${heads}), and a baseline must be the first one. ` +
      "If those files were never applied to any database, remove them and run `retort baseline` again; if this database already has their schema, mark it with `retort stamp head`.",
  );
}

async function refuseManagedDatabase(db: Queryable, config: ResolvedConfig): Promise<void> {
  const heads = await new VersionTable(db.dialect, config.versionTable).readHeads(db);
  if (heads.length === 0) return;
  throw new BaselineRefusedError(
    "baseline_already_adopted",
    `The database already records retort revision${heads.length === 1 ? "" : "s"} ${heads.join(", ")} (table ${config.versionTable}), but ${relative(config.projectDir, config.migrations) || "."}/ has none: ` +
      "check `migrations` in the retort config, or bring back the migration files. Once adopted, entity changes go through `retort autogen`.",
  );
}

function differencesError(operations: readonly DiffEntry[], dialect: DialectName): BaselineRefusedError {
  const lines = operations.map((o) => `  ${describeLine(o)}`).join("\n");
  return new BaselineRefusedError(
    "baseline_differences",
    `The entities and the database (${dialect}) differ in ${operations.length} place${operations.length === 1 ? "" : "s"}:\n${lines}\n` +
      "baseline writes the entities' schema and marks this database as already having it, so the two must agree first. " +
      "Bring the database up to date the way it was built so far (TypeORM's `migration:run` or `synchronize`), or change the entities to match the database, " +
      "or leave objects that retort should never manage out with `includeName`/`includeObject` in the retort config; " +
      "then run `retort baseline` again. After that, entity changes go through `retort autogen`. `retort check` lists the same differences.",
  );
}

async function stampBaseline(db: Queryable, config: ResolvedConfig, revision: string, file: string): Promise<void> {
  try {
    const scripts = await loadScriptDirectory(config.migrations);
    await new MigrationRunner({ scripts, db, versionTable: config.versionTable, lockTimeout: config.lockTimeout, projectDir: config.projectDir }).stamp(revision);
  } catch (e) {
    throw new BaselineRefusedError(
      "baseline_not_stamped",
      `Wrote ${relative(config.projectDir, file)}, but could not mark the database as being at it: ${(e as Error).message}. Run \`retort stamp ${revision}\` once that is fixed (never \`upgrade\`: the tables exist already).`,
    );
  }
}
