import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MigrationFileExistsError, PostWriteError } from "../errors";
import { formatMigration } from "../format/format-migration";
import { planMigration, type MigrationInput } from "../render/migration-plan";
import { writeWithTsMorph, type RenderedMigration } from "../render/render-migration";
import { migrationFileName } from "./file-name";
import { DEFAULT_POST_WRITE, runPostWrite, type PostWriteStep } from "./post-write";

export interface WriteOptions {
  /** File name template, default `{date}_{rev}_{slug}`. */
  readonly fileTemplate?: string;
  /** Default `["prettier"]`; `[]` writes the file as rendered. */
  readonly postWrite?: readonly PostWriteStep[];
  /** Where post-write commands run; default the current directory. */
  readonly cwd?: string;
  /**
   * `false` always runs prettier itself instead of the equivalent fast printer
   * (default `true`: prettier is only run when the config needs it).
   */
  readonly fastFormat?: boolean;
}

export interface WrittenMigration extends RenderedMigration {
  readonly path: string;
}

/** Renders the migration and writes it into `dir` (created when missing); never overwrites a file. */
export async function writeMigrationFile(dir: string, input: MigrationInput, options: WriteOptions = {}): Promise<WrittenMigration> {
  const path = join(dir, migrationFileName(input, options.fileTemplate));
  const plan = planMigration(input);
  const steps = options.postWrite ?? DEFAULT_POST_WRITE;
  // A leading "prettier" step is folded into rendering: the file is written formatted.
  const formatFirst = steps[0] === "prettier";
  let formatError: unknown = null;
  const source = formatFirst
    ? await formatMigration(plan, path, { fast: options.fastFormat }).catch(async (error: unknown) => {
        formatError = error;
        return writeWithTsMorph(plan);
      })
    : await writeWithTsMorph(plan);
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(path, source, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new MigrationFileExistsError(path);
    throw error;
  }
  if (formatError !== null) {
    const reason = formatError instanceof Error ? formatError.message : String(formatError);
    throw new PostWriteError(path, "prettier", reason, { cause: formatError });
  }
  await runPostWrite(path, formatFirst ? steps.slice(1) : steps, options.cwd);
  return { source, warnings: plan.warnings, hints: plan.hints, path };
}
