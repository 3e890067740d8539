import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** The compiled fixture, next to this file's compiled copy. */
export const RUN_UPGRADE = join(__dirname, "..", "fixtures", "run-upgrade.js");

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function startUpgrade(args: readonly string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<ChildResult> } {
  const child = spawn(process.execPath, [RUN_UPGRADE, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<ChildResult>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
