import { spawnSync } from "node:child_process";
import { join } from "node:path";

export interface RetortRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const BIN = join(__dirname, "..", "..", "..", "bin", "retort.js");

/** Runs the real `retort` binary in a child process, as a user would. */
export function runRetort(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): RetortRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
