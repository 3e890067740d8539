import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { PostWriteError } from "../errors";

/** `"prettier"` (honouring the user's prettier config) or a shell command; `{file}` is replaced by the path. */
export type PostWriteStep = "prettier" | { readonly command: string };

export const DEFAULT_POST_WRITE: readonly PostWriteStep[] = ["prettier"];

/** Runs each step on the freshly written file, in order. */
export async function runPostWrite(file: string, steps: readonly PostWriteStep[], cwd = process.cwd()): Promise<void> {
  for (const step of steps) {
    if (step === "prettier") await formatWithPrettier(file);
    else await runCommand(file, step.command, cwd);
  }
}

type Prettier = typeof import("prettier");
let prettier: Promise<Prettier> | undefined;
/** Prettier is large: load it only when a file is actually formatted. */
const loadPrettier = (): Promise<Prettier> => (prettier ??= import("prettier"));

/** Formats TypeScript source as prettier would at `filePath`, with the config that applies there. */
export async function formatSource(source: string, filePath: string): Promise<string> {
  const p = await loadPrettier();
  const config = await p.resolveConfig(filePath, { editorconfig: true });
  return p.format(source, { ...config, filepath: filePath, parser: "typescript" });
}

async function formatWithPrettier(file: string): Promise<void> {
  try {
    const source = await readFile(file, "utf8");
    const formatted = await formatSource(source, file);
    if (formatted !== source) await writeFile(file, formatted);
  } catch (error) {
    throw new PostWriteError(file, "prettier", error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function runCommand(file: string, command: string, cwd: string): Promise<void> {
  const quoted = `"${file.replace(/(["\\$`])/g, "\\$1")}"`;
  const line = command.includes("{file}") ? command.split("{file}").join(quoted) : `${command} ${quoted}`;
  return new Promise((resolve, reject) => {
    const child = spawn(line, { cwd, shell: true, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => reject(new PostWriteError(file, `"${command}"`, error.message, { cause: error })));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new PostWriteError(file, `"${command}"`, `exit code ${String(code)}${stderr ? `: ${stderr.trim()}` : ""}`));
    });
  });
}
