import type { Operation } from "@retort/core";
import {
  applyRenames,
  directiveToInput,
  migrationFileName,
  renderFormattedMigration,
  runRevisionHooks,
  writeMigrationFile,
  type ProcessRevisionDirectives,
  type Rewriter,
  type RevisionContext,
} from "@retort/codegen";
import { renderOperation } from "@retort/dialects";
import { planRevision, type NewRevisionOptions } from "@retort/runtime";
import { join } from "node:path";
import { databaseTablesByOwner } from "../project/bookkeeping-tables";
import { compareProject, type CheckResult, type Comparison } from "./check";
import type { ProjectOptions } from "../project/session";

export interface AutogenOptions extends ProjectOptions, NewRevisionOptions {
  /** Render and return the file, write nothing. */
  readonly dryRun?: boolean;
  /** Also return the SQL the upgrade would run. */
  readonly sql?: boolean;
  /** Write a revision even when nothing changed. */
  readonly allowEmpty?: boolean;
  /** `table.old=new`: turn that drop + add into a rename. */
  readonly renameColumns?: readonly string[];
  /** `old=new`: turn that table drop + create into a rename. */
  readonly renameTables?: readonly string[];
}

export interface AutogenResult extends CheckResult {
  /** The written file (absent on --dry-run and when nothing was written). */
  readonly file?: string;
  readonly revision?: string;
  /** The file's formatted source (always with --dry-run). */
  readonly source?: string;
  /** Destructive operations, one line each (also in the file). */
  readonly warnings: readonly string[];
  /** Possible renames the file shows as comments. */
  readonly renameHints: readonly string[];
  /** With `sql`: the upgrade's statements. */
  readonly statements?: readonly string[];
  /**
   * Present (true) when the project had no migrations but the database already has tables
   * of its own: no revision creates them, so `retort baseline` is the way in (README.md,
   * "Adopting retort in an existing project").
   */
  readonly needsBaseline?: true;
}

/** `retort autogen -m`: compare, then write one migration file (SPEC.md §2, §4). */
export async function autogen(options: AutogenOptions): Promise<AutogenResult> {
  const cmp = await compareProject(options, "autogen");
  const renamed: Operation[] =
    options.renameColumns?.length || options.renameTables?.length
      ? applyRenames(cmp.ops, { columns: options.renameColumns, tables: options.renameTables })
      : [...cmp.ops];
  // The differences found, as check reports them (a confirmed rename has no SPEC kind of its own).
  const needsBaseline = cmp.scripts.scripts.size === 0 && databaseTablesByOwner(cmp).tables > 0 ? { needsBaseline: true as const } : {};
  const base = { upToDate: cmp.upToDate, dialect: cmp.dialect, operations: cmp.operations, editedMigrations: cmp.editedMigrations, ...needsBaseline };
  const written = await writeGeneratedRevision(cmp, renamed, options);
  return written ? { ...base, ...written } : { ...base, warnings: [], renameHints: [] };
}

/** What writing a generated revision produced (`source` and `revision` unless nothing was written). */
export type GeneratedRevision = Pick<AutogenResult, "file" | "revision" | "source" | "warnings" | "renameHints" | "statements">;

/**
 * Plans a revision after the scripts' head, runs the user's revision hooks on `ops`, and
 * writes (or with `dryRun` only renders) the file. `undefined` when the hooks leave
 * nothing to write (and `allowEmpty` is not set). Shared by `autogen` and `baseline`.
 */
export async function writeGeneratedRevision(
  cmp: Pick<Comparison, "config" | "scripts" | "dialect" | "databaseHeads" | "serverVersion">,
  ops: readonly Operation[],
  options: NewRevisionOptions & Pick<AutogenOptions, "dryRun" | "sql" | "allowEmpty">,
): Promise<GeneratedRevision | undefined> {
  const { config, scripts } = cmp;
  const planned = planRevision(scripts, options);
  const ctx: RevisionContext = {
    dialect: cmp.dialect,
    renderAsBatch: config.renderAsBatch ?? cmp.dialect === "sqlite",
    autogenerate: true,
  };
  const directives = await runRevisionHooks(
    ctx,
    cmp.databaseHeads,
    [
      {
        revId: planned.revision,
        message: planned.message,
        downRevision: planned.downRevision as string | string[] | null,
        branchLabels: [...planned.branchLabels],
        dependsOn: [...planned.dependsOn],
        createdAt: planned.createdAt,
        upgradeOps: [...ops],
        downgradeOps: null,
      },
    ],
    {
      rewriter: config.rewriter as Rewriter | undefined,
      processRevisionDirectives: config.processRevisionDirectives as ProcessRevisionDirectives | undefined,
    },
  );
  const directive = directives[0];
  if (!directive || (directive.upgradeOps.length === 0 && !options.allowEmpty)) return undefined;

  const input = directiveToInput(directive, ctx);
  const statements = options.sql
    ? input.upgrade.flatMap((op) => renderOperation(op, { dialect: cmp.dialect, serverVersion: cmp.serverVersion }))
    : undefined;
  if (options.dryRun) {
    const rendered = await renderFormattedMigration(input, join(config.migrations, migrationFileName(input)));
    return { revision: directive.revId, source: rendered.source, warnings: rendered.warnings, renameHints: rendered.hints.flatMap((h) => h.comment), statements };
  }
  const written = await writeMigrationFile(config.migrations, input, { postWrite: config.postWrite, cwd: config.projectDir });
  return {
    file: written.path,
    revision: directive.revId,
    source: written.source,
    warnings: written.warnings,
    renameHints: written.hints.flatMap((h) => h.comment),
    statements,
  };
}
