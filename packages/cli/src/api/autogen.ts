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
import type { TruncatedName } from "@retort/core";
import { join } from "node:path";
import { databaseTablesByOwner } from "../project/bookkeeping-tables";
import { compareProject, type CheckResult, type Comparison } from "./check";
import { splitLargeRevision } from "./split-revision";
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
   * When the changes were too many for one PostgreSQL transaction: every revision written,
   * in the order they apply (`file` and `revision` name the last, the new head).
   */
  readonly parts?: readonly { readonly revision: string; readonly file?: string; readonly operations: number }[];
  /**
   * Present (true) when the project had no migrations but the database already has tables
   * of its own: no revision creates them, so `retort baseline` is the way in (README.md,
   * "Adopting retort in an existing project").
   */
  readonly needsBaseline?: true;
}

/** `retort autogen -m`: compare, then write one migration file (docs/reference.md §2, §4). */
export async function autogen(options: AutogenOptions): Promise<AutogenResult> {
  const cmp = await compareProject(options, "autogen");
  const renamed: Operation[] =
    options.renameColumns?.length || options.renameTables?.length
      ? applyRenames(cmp.ops, { columns: options.renameColumns, tables: options.renameTables })
      : [...cmp.ops];
  // The differences found, as check reports them (a confirmed rename has no kind of its own, docs/reference.md §3).
  const needsBaseline = cmp.scripts.scripts.size === 0 && databaseTablesByOwner(cmp).tables > 0 ? { needsBaseline: true as const } : {};
  const base = { upToDate: cmp.upToDate, dialect: cmp.dialect, operations: cmp.operations, editedMigrations: cmp.editedMigrations, ...needsBaseline };
  const written = await writeGeneratedRevision(cmp, renamed, options);
  return written ? { ...base, ...written } : { ...base, warnings: [], renameHints: [] };
}

/** What writing a generated revision produced (`source` and `revision` unless nothing was written). */
export type GeneratedRevision = Pick<AutogenResult, "file" | "revision" | "source" | "warnings" | "renameHints" | "statements" | "parts">;

/**
 * Plans a revision after the scripts' head, runs the user's revision hooks on `ops`, and
 * writes (or with `dryRun` only renders) the file. `undefined` when the hooks leave
 * nothing to write (and `allowEmpty` is not set). Shared by `autogen` and `baseline`.
 */
export async function writeGeneratedRevision(
  cmp: Pick<Comparison, "config" | "scripts" | "dialect" | "databaseHeads" | "serverVersion" | "truncatedNames">,
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

  const chain = splitLargeRevision(directive, cmp.dialect);
  const inputs = chain.map((d) => directiveToInput(d, ctx));
  const statements = options.sql
    ? inputs.flatMap((input) => input.upgrade.flatMap((op) => renderOperation(op, { dialect: cmp.dialect, serverVersion: cmp.serverVersion })))
    : undefined;
  const head = chain[chain.length - 1]!;
  if (options.dryRun) {
    const rendered = await Promise.all(inputs.map((input) => renderFormattedMigration(input, join(config.migrations, migrationFileName(input)))));
    return {
      revision: head.revId,
      source: rendered.map((r) => r.source).join("\n"),
      warnings: [...truncationWarnings(cmp.truncatedNames, inputs.flatMap((i) => i.upgrade)), ...rendered.flatMap((r) => r.warnings)],
      renameHints: rendered.flatMap((r) => r.hints.flatMap((h) => h.comment)),
      statements,
      ...(chain.length > 1 ? { parts: chain.map((d) => ({ revision: d.revId, operations: d.upgradeOps.length })) } : {}),
    };
  }
  const written: Awaited<ReturnType<typeof writeMigrationFile>>[] = [];
  for (const input of inputs) written.push(await writeMigrationFile(config.migrations, input, { postWrite: config.postWrite, cwd: config.projectDir }));
  const last = written[written.length - 1]!;
  return {
    file: last.path,
    revision: head.revId,
    source: written.map((w) => w.source).join("\n"),
    warnings: [...truncationWarnings(cmp.truncatedNames, inputs.flatMap((i) => i.upgrade)), ...written.flatMap((w) => w.warnings)],
    renameHints: written.flatMap((w) => w.hints.flatMap((h) => h.comment)),
    statements,
    ...(chain.length > 1 ? { parts: chain.map((d, i) => ({ revision: d.revId, file: written[i]!.path, operations: d.upgradeOps.length })) } : {}),
  };
}

/**
 * A name longer than PostgreSQL's 63 bytes that this revision writes: the server keeps
 * the first 63 bytes, and retort compares the entities' names cut the same way.
 */
function truncationWarnings(names: readonly TruncatedName[], ops: readonly Operation[]): string[] {
  const written = JSON.stringify(ops);
  return names
    .filter((n) => written.includes(JSON.stringify(n.truncated)))
    .map(
      (n) =>
        `The ${n.kind} name "${n.name}" is longer than PostgreSQL's 63 bytes: the server stores it as "${n.truncated}". Give it a shorter name in the entity to choose the stored one yourself.`,
    );
}
