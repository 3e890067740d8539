import { reverseAll, type DialectName, type Operation } from "@retort/core";
import { destructiveWarning } from "../analysis/destructive";
import { flattenOperations } from "../analysis/flatten";
import { renameHints, type RenameHint } from "../analysis/rename-hints";
import type { FunctionDeclarationStructure, VariableStatementStructure } from "ts-morph";
import { groupIntoBatches } from "./batch-grouping";
import { writeCode, type Code } from "./code";
import { literal } from "./literal";
import { renderOperations } from "./render-operations";

/** The module generated files import the op API's type from. */
export const OP_API_MODULE = "@retort/cli";

/** Everything a migration file is made of (SPEC.md §4). */
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
  readonly dialect: DialectName;
  /** Group table changes into `batchAlterTable` blocks. Default: `true` on SQLite. */
  readonly renderAsBatch?: boolean;
}

export interface RenderedMigration {
  /** The module's source, before any post-write formatting. */
  readonly source: string;
  /** One line per destructive or unrenderable operation; also written in the file. */
  readonly warnings: readonly string[];
  /** Drop + add pairs that may be renames; also written in the file as comments. */
  readonly hints: readonly RenameHint[];
}

type TsMorph = typeof import("ts-morph");
let tsMorph: Promise<TsMorph> | undefined;
/** ts-morph costs a few hundred milliseconds to load: only commands that write a file pay. */
const loadTsMorph = (): Promise<TsMorph> => (tsMorph ??= import("ts-morph"));

export async function renderMigration(input: MigrationInput): Promise<RenderedMigration> {
  const { Project, StructureKind, VariableDeclarationKind, IndentationText, QuoteKind } = await loadTsMorph();
  const batch = input.renderAsBatch ?? input.dialect === "sqlite";
  const group = (ops: readonly Operation[]) => (batch ? groupIntoBatches(ops) : [...ops]);
  const hints = renameHints(input.upgrade);
  const warningsByOp = new Map<Operation, string>();
  for (const op of flattenOperations(input.upgrade)) {
    const warning = destructiveWarning(op, input.dialect);
    if (warning !== null) warningsByOp.set(op, warning);
  }
  const annotations = new Map<Operation, string[]>();
  for (const [op, w] of warningsByOp) annotations.set(op, [`WARNING: ${w}`]);
  for (const h of hints) annotations.set(h.op, [...(annotations.get(h.op) ?? []), ...h.comment]);

  const upgrade = renderOperations(group(input.upgrade), annotations);
  const downgrade = renderOperations(group(input.downgrade ?? reverseAll(input.upgrade)));

  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double },
  });
  const exported = (name: string, value: unknown, type?: string): VariableStatementStructure => ({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name, type, initializer: literal(value) }],
  });
  const migrationFunction = (name: string, body: readonly Code[]): FunctionDeclarationStructure => ({
    kind: StructureKind.Function,
    name,
    isExported: true,
    isAsync: true,
    parameters: [{ name: "op", type: "MigrationOperations" }],
    returnType: "Promise<void>",
    statements: (writer: Parameters<typeof writeCode>[0]) => writeCode(writer, body),
  });
  const createdAt = typeof input.createdAt === "string" ? input.createdAt : input.createdAt.toISOString();
  const file = project.createSourceFile("migration.ts", {
    statements: [
      header(input, createdAt),
      blankLine,
      {
        kind: StructureKind.ImportDeclaration,
        isTypeOnly: true,
        namedImports: ["MigrationOperations"],
        moduleSpecifier: OP_API_MODULE,
      },
      blankLine,
      exported("revision", input.revision),
      exported("downRevision", input.downRevision, "string | string[] | null"),
      exported("branchLabels", input.branchLabels ?? [], "string[]"),
      exported("dependsOn", input.dependsOn ?? [], "string[]"),
      exported("message", input.message),
      exported("createdAt", createdAt),
      migrationFunction("upgrade", upgrade.code),
      migrationFunction("downgrade", downgrade.code),
    ],
  });
  const warnings = [
    ...warningsByOp.values(),
    ...[...upgrade.unrenderable, ...downgrade.unrenderable].map((u) => `Not generated: ${u}.`),
  ];
  return { source: file.getFullText(), warnings, hints };
}

const blankLine = (writer: { blankLineIfLastNot(): unknown }) => {
  writer.blankLineIfLastNot();
};

function header(input: MigrationInput, createdAt: string): string {
  const revises = input.downRevision === null ? "(base)" : [input.downRevision].flat().join(", ");
  const lines = [
    ...input.message.split(/\r?\n/),
    "",
    `Revision: ${input.revision}`,
    `Revises: ${revises}`,
    `Created: ${createdAt}`,
  ];
  return ["/**", ...lines.map((l) => ` *${l === "" ? "" : " "}${l.replace(/\*\//g, "*\\/")}`), " */"].join("\n");
}
