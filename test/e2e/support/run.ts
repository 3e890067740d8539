import { spawn } from "node:child_process";

export interface Run {
  readonly command: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/**
 * Runs a command without blocking the event loop, so several projects can install at
 * once. Never rejects: a failure is a non-zero `code` (-1 for a timeout or a spawn error).
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<Run> {
  const started = Date.now();
  const shown = [command, ...args].join(" ");
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 120_000);
    const done = (code: number) => {
      clearTimeout(timer);
      resolve({ command: shown, code, stdout, stderr, ms: Date.now() - started });
    };
    child.on("error", (e) => {
      stderr += String(e);
      done(-1);
    });
    child.on("close", (code) => done(code ?? -1));
  });
}

/** The run as text for an assertion message: command, exit code, output. */
export function describeRun(r: Run): string {
  return `$ ${r.command}\nexit ${r.code} after ${r.ms} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}
