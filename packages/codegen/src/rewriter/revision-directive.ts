import { reverseAll, type DialectName, type Operation } from "@retort/core";
import type { MigrationInput } from "../render/render-migration";

/**
 * What autogen is about to write, handed to `processRevisionDirectives` before any file
 * exists (Alembic's `MigrationScript`). Hooks may change any field, empty the operation
 * lists, or empty the `directives` array itself to write nothing.
 */
export interface RevisionDirective {
  revId: string;
  message: string;
  downRevision: string | string[] | null;
  branchLabels: string[];
  dependsOn: string[];
  createdAt: string;
  upgradeOps: Operation[];
  /** `null`: the exact reverse of `upgradeOps`, worked out after every hook ran. `[]`: a one-way migration. */
  downgradeOps: Operation[] | null;
}

/** What hooks get to know about the run. */
export interface RevisionContext {
  readonly dialect: DialectName;
  readonly renderAsBatch: boolean;
  /** `true` for autogen, `false` for an empty `revision`. */
  readonly autogenerate: boolean;
}

/** `(ctx, revision, directives) => void`: `revision` holds the database's current revision ids. */
export type ProcessRevisionDirectives = (
  ctx: RevisionContext,
  revision: readonly string[],
  directives: RevisionDirective[],
) => void | Promise<void>;

/** The file the directive describes. */
export function directiveToInput(d: RevisionDirective, ctx: RevisionContext): MigrationInput {
  return {
    revision: d.revId,
    downRevision: d.downRevision,
    branchLabels: d.branchLabels,
    dependsOn: d.dependsOn,
    message: d.message,
    createdAt: d.createdAt,
    upgrade: d.upgradeOps,
    downgrade: d.downgradeOps ?? reverseAll(d.upgradeOps),
    dialect: ctx.dialect,
    renderAsBatch: ctx.renderAsBatch,
  };
}

export interface RevisionHooks {
  readonly rewriter?: { readonly processRevisionDirectives: ProcessRevisionDirectives };
  readonly processRevisionDirectives?: ProcessRevisionDirectives;
}

/**
 * Runs the config's hooks on the directives: the rewriter first, then the user's
 * processRevisionDirectives (it has the last word). Returns the same, mutated array.
 */
export async function runRevisionHooks(
  ctx: RevisionContext,
  revision: readonly string[],
  directives: RevisionDirective[],
  hooks: RevisionHooks,
): Promise<RevisionDirective[]> {
  if (hooks.rewriter) await hooks.rewriter.processRevisionDirectives(ctx, revision, directives);
  if (hooks.processRevisionDirectives) await hooks.processRevisionDirectives(ctx, revision, directives);
  return directives;
}
