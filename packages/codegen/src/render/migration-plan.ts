import { reverseAll, type DialectName, type Operation } from "@retort/core";
import { destructiveWarning } from "../analysis/destructive";
import { flattenOperations } from "../analysis/flatten";
import { renameHints, type RenameHint } from "../analysis/rename-hints";
import { groupIntoBatches } from "./batch-grouping";
import { renderOperations } from "./render-operations";
import type { Statement } from "./statement";

/** The module generated files import the op API's type from. */
export const OP_API_MODULE = "@retort/cli";

/** Everything a migration file is made of (docs/reference.md §4). */
export interface MigrationInput {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly message: string;
  /** ISO timestamp; part of the input so the same input always gives the same file. */
  readonly createdAt: string | Date;
  readonly upgrade: readonly Operation[];
  /** Default: `reverseAll(upgrade)`, the exact reverse. */
  readonly downgrade?: readonly Operation[];
  /** Judges destructive changes and SQLite batching; only an empty revision may leave it out. */
  readonly dialect?: DialectName;
  /** Group table changes into `batchAlterTable` blocks. Default: `true` on SQLite. */
  readonly renderAsBatch?: boolean;
}

/** What both printers write: header facts, the two bodies, and what to tell the user. */
export interface MigrationPlan {
  readonly header: readonly string[];
  readonly exports: readonly { readonly name: string; readonly value: unknown; readonly type?: string }[];
  readonly upgrade: readonly Statement[];
  readonly downgrade: readonly Statement[];
  readonly warnings: readonly string[];
  readonly hints: readonly RenameHint[];
}

/** `implicitIndex` means something on MySQL/MariaDB only: other files do not carry it. */
function forDialect(ops: readonly Operation[], dialect: DialectName | undefined): Operation[] {
  if (dialect === "mysql" || dialect === "mariadb") return [...ops];
  return ops.map((op) => {
    if (op.kind === "batchAlterTable") return { ...op, operations: forDialect(op.operations, dialect) as typeof op.operations };
    if (op.kind !== "dropConstraint" || op.implicitIndex === undefined) return op;
    const { implicitIndex: _, ...rest } = op;
    return rest;
  });
}

export function planMigration(input: MigrationInput): MigrationPlan {
  const dialect = input.dialect;
  if (dialect === undefined && input.upgrade.length > 0) throw new TypeError("renderMigration: `dialect` is required when there are operations");
  const batch = input.renderAsBatch ?? input.dialect === "sqlite";
  const group = (ops: readonly Operation[]) => (batch ? groupIntoBatches(ops) : [...ops]);
  const hints = renameHints(input.upgrade);
  const warningsByOp = new Map<Operation, string>();
  for (const op of flattenOperations(input.upgrade)) {
    const warning = destructiveWarning(op, dialect!);
    if (warning !== null) warningsByOp.set(op, warning);
  }
  const annotations = new Map<Operation, string[]>();
  for (const [op, w] of warningsByOp) annotations.set(op, [`WARNING: ${w}`]);
  for (const h of hints) annotations.set(h.op, [...(annotations.get(h.op) ?? []), ...h.comment]);

  const upgrade = renderOperations(group(input.upgrade), annotations);
  const downgrade = renderOperations(group(forDialect(input.downgrade ?? reverseAll(input.upgrade), dialect)));
  const createdAt = typeof input.createdAt === "string" ? input.createdAt : input.createdAt.toISOString();
  return {
    header: header(input, createdAt),
    exports: [
      { name: "revision", value: input.revision },
      { name: "downRevision", value: input.downRevision },
      { name: "branchLabels", value: input.branchLabels ?? [], type: "string[]" },
      { name: "dependsOn", value: input.dependsOn ?? [], type: "string[]" },
      { name: "message", value: input.message },
      { name: "createdAt", value: createdAt },
    ],
    upgrade: upgrade.statements,
    downgrade: downgrade.statements,
    warnings: [
      ...warningsByOp.values(),
      ...[...upgrade.unrenderable, ...downgrade.unrenderable].map((u) => `Not generated: ${u}.`),
    ],
    hints,
  };
}

/** The `/** … *\/` comment at the top of the file, line by line. */
function header(input: MigrationInput, createdAt: string): string[] {
  const revises = input.downRevision === null ? "(base)" : [input.downRevision].flat().join(", ");
  const lines = [
    ...input.message.split(/\r\n|[\r\n\u2028\u2029]/),
    "",
    `Revision: ${input.revision}`,
    `Revises: ${revises}`,
    `Created: ${createdAt}`,
  ];
  const body = lines.map((l) => ` * ${l.replace(/\*\//g, "*\\/")}`.trimEnd());
  return ["/**", ...body, " */"];
}
