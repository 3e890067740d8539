import { formatSource } from "../files/post-write";
import { planMigration, type MigrationInput, type MigrationPlan } from "../render/migration-plan";
import { writeWithTsMorph, type RenderedMigration } from "../render/render-migration";
import { fastFormatOptions } from "./fast-format-options";
import { FastPrintUnsupported, printMigration } from "./fast-printer";

type DocModule = typeof import("prettier/doc");
let docModule: Promise<DocModule> | undefined;
const loadDoc = (): Promise<DocModule> => (docModule ??= import("prettier/doc"));

/**
 * The migration as prettier formats it with the config that applies at `filePath`.
 * When the config only uses options the fast printer reproduces (the usual case), the
 * file is printed directly, with prettier's own document printer; otherwise ts-morph
 * writes it and prettier formats it.
 */
export async function formatMigration(plan: MigrationPlan, filePath: string, options: { fast?: boolean } = {}): Promise<string> {
  if (options.fast !== false) {
    const fast = await fastFormat(plan, filePath);
    if (fast !== null) return fast;
  }
  return formatSource(await writeWithTsMorph(plan), filePath);
}

/** The fast printer's output, or `null` when the user's prettier config needs prettier itself. */
export async function fastFormat(plan: MigrationPlan, filePath: string): Promise<string | null> {
  const prettier = await import("prettier");
  const config = await prettier.resolveConfig(filePath, { editorconfig: true });
  const options = fastFormatOptions(config as Record<string, unknown> | null);
  if (options === null) return null;
  try {
    return printMigration(plan, options, await loadDoc());
  } catch (error) {
    if (error instanceof FastPrintUnsupported) return null;
    throw error;
  }
}

/** For `--dry-run`: the file `writeMigrationFile` would write at `filePath`, formatted, without writing it. */
export async function renderFormattedMigration(input: MigrationInput, filePath: string): Promise<RenderedMigration> {
  const plan = planMigration(input);
  return { source: await formatMigration(plan, filePath), warnings: plan.warnings, hints: plan.hints };
}
