import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MigrationFileExistsError } from "../errors";
import { renderMigration, type MigrationInput, type RenderedMigration } from "../render/render-migration";
import { migrationFileName } from "./file-name";
import { DEFAULT_POST_WRITE, runPostWrite, type PostWriteStep } from "./post-write";

export interface WriteOptions {
  /** File name template, default `{date}_{rev}_{slug}`. */
  readonly fileTemplate?: string;
  /** Default `["prettier"]`; `[]` writes the file as rendered. */
  readonly postWrite?: readonly PostWriteStep[];
  /** Where post-write commands run; default the current directory. */
  readonly cwd?: string;
}

export interface WrittenMigration extends RenderedMigration {
  readonly path: string;
}

/** Renders the migration and writes it into `dir` (created when missing); never overwrites a file. */
export async function writeMigrationFile(dir: string, input: MigrationInput, options: WriteOptions = {}): Promise<WrittenMigration> {
  const path = join(dir, migrationFileName(input, options.fileTemplate));
  const rendered = await renderMigration(input);
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(path, rendered.source, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new MigrationFileExistsError(path);
    throw error;
  }
  await runPostWrite(path, options.postWrite ?? DEFAULT_POST_WRITE, options.cwd);
  return { ...rendered, path };
}
