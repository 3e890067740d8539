import { spawnSync } from "node:child_process";
import { join } from "node:path";

export interface RetortRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// RETORT_BIN_UNDER_TEST runs the tests against another build (e.g. to show a test failed before a fix).
export const RETORT_BIN = process.env.RETORT_BIN_UNDER_TEST ?? join(__dirname, "..", "..", "..", "bin", "retort.js");

/** Runs the real `retort` binary in a child process, as a user would. */
export function runRetort(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): RetortRun {
  const result = spawnSync(process.execPath, [RETORT_BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "", ...env },
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
