import type { FunctionDeclarationStructure, VariableStatementStructure } from "ts-morph";
import type { RenameHint } from "../analysis/rename-hints";
import { writeCode } from "./code";
import { literal } from "./literal";
import { OP_API_MODULE, planMigration, type MigrationInput, type MigrationPlan } from "./migration-plan";
import { opParameter, statementsToCode, type Statement } from "./statement";

export { OP_API_MODULE, type MigrationInput } from "./migration-plan";

export interface RenderedMigration {
  /** The module's source. */
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

/** The migration module written with ts-morph, before any formatting. */
export async function renderMigration(input: MigrationInput): Promise<RenderedMigration> {
  const plan = planMigration(input);
  return { source: await writeWithTsMorph(plan), warnings: plan.warnings, hints: plan.hints };
}

export async function writeWithTsMorph(plan: MigrationPlan): Promise<string> {
  const { Project, StructureKind, VariableDeclarationKind, IndentationText, QuoteKind } = await loadTsMorph();
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double },
  });
  const exported = (e: MigrationPlan["exports"][number]): VariableStatementStructure => ({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: e.name, type: e.type, initializer: literal(e.value) }],
  });
  const migrationFunction = (name: string, body: readonly Statement[]): FunctionDeclarationStructure => ({
    kind: StructureKind.Function,
    name,
    isExported: true,
    isAsync: true,
    parameters: [{ name: opParameter(body), type: "MigrationOperations" }],
    returnType: "Promise<void>",
    statements: (writer) => writeCode(writer, statementsToCode(body)),
  });
  const file = project.createSourceFile("migration.ts", {
    statements: [
      plan.header.join("\n"),
      blankLine,
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: ["MigrationOperations"], moduleSpecifier: OP_API_MODULE },
      blankLine,
      ...plan.exports.map(exported),
      migrationFunction("upgrade", plan.upgrade),
      migrationFunction("downgrade", plan.downgrade),
    ],
  });
  return file.getFullText();
}

const blankLine = (writer: { blankLineIfLastNot(): unknown }) => {
  writer.blankLineIfLastNot();
};
