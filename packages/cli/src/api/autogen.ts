import { randomBytes } from "node:crypto";
import type { Operation } from "@retort/core";
import {
  applyRenames,
  directiveToInput,
  formatSource,
  migrationFileName,
  renderMigration,
  Rewriter,
  writeMigrationFile,
  type ProcessRevisionDirectives,
  type RevisionContext,
  type RevisionDirective,
} from "@retort/codegen";
import { describeOperations, type DiffEntry } from "@retort/compare";
import { renderOperation } from "@retort/dialects";
import { chooseParent } from "@retort/runtime";
import { join } from "node:path";
import { compareProject, type CheckResult } from "./check";
import type { ProjectOptions } from "../project/session";

export interface AutogenOptions extends ProjectOptions {
  readonly message: string;
  readonly head?: string;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly revId?: string;
  readonly splice?: boolean;
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
  /** Fixed clock, for reproducible files. */
  readonly now?: Date;
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
}

function hooksOf(config: { processRevisionDirectives?: unknown; rewriter?: unknown }): ProcessRevisionDirectives[] {
  const hooks: ProcessRevisionDirectives[] = [];
  if (config.rewriter instanceof Rewriter) hooks.push(config.rewriter.processRevisionDirectives);
  else if (config.rewriter !== undefined) hooks.push((config.rewriter as Rewriter).processRevisionDirectives);
  if (typeof config.processRevisionDirectives === "function") hooks.push(config.processRevisionDirectives as ProcessRevisionDirectives);
  return hooks;
}

/** `retort autogen -m`: compare, then write one migration file (SPEC.md §2, §4). */
export async function autogen(options: AutogenOptions): Promise<AutogenResult> {
  const cmp = await compareProject(options, "autogen");
  const { config, scripts } = cmp;
  const parent = chooseParent(scripts, { message: options.message, head: options.head, splice: options.splice });
  const renamed: Operation[] =
    options.renameColumns?.length || options.renameTables?.length
      ? applyRenames(cmp.ops, { columns: options.renameColumns, tables: options.renameTables })
      : [...cmp.ops];
  const ctx: RevisionContext = {
    dialect: cmp.dialect,
    renderAsBatch: config.renderAsBatch ?? cmp.dialect === "sqlite",
    autogenerate: true,
  };
  const directives: RevisionDirective[] = [
    {
      revId: options.revId ?? randomBytes(6).toString("hex"),
      message: options.message,
      downRevision: parent,
      branchLabels: [...(options.branchLabels ?? [])],
      dependsOn: [...(options.dependsOn ?? [])],
      createdAt: (options.now ?? new Date()).toISOString(),
      upgradeOps: renamed,
      downgradeOps: null,
    },
  ];
  for (const hook of hooksOf(config)) await hook(ctx, cmp.databaseHeads, directives);
  const operations: DiffEntry[] = describeOperations(renamed);
  const base = { upToDate: cmp.upToDate, dialect: cmp.dialect, operations };
  const directive = directives[0];
  if (!directive || (directive.upgradeOps.length === 0 && !options.allowEmpty)) return { ...base, warnings: [], renameHints: [] };

  const input = directiveToInput(directive, ctx);
  const statements = options.sql
    ? input.upgrade.flatMap((op) => renderOperation(op, { dialect: cmp.dialect, serverVersion: cmp.serverVersion }))
    : undefined;
  if (options.dryRun) {
    const rendered = await renderMigration(input);
    const source = await formatSource(rendered.source, join(config.migrations, migrationFileName(input)));
    return { ...base, revision: directive.revId, source, warnings: rendered.warnings, renameHints: rendered.hints.flatMap((h) => h.comment), statements };
  }
  const written = await writeMigrationFile(config.migrations, input, { postWrite: config.postWrite, cwd: config.projectDir });
  return {
    ...base,
    file: written.path,
    revision: directive.revId,
    source: written.source,
    warnings: written.warnings,
    renameHints: written.hints.flatMap((h) => h.comment),
    statements,
  };
}
