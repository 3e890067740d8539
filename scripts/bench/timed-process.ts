import { spawnSync } from "node:child_process";

export interface TimedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Peak resident memory of the process, from /usr/bin/time. */
  readonly maxRssMb: number;
}

/** Runs `node <args>` in `cwd`, timing it and reading its peak memory with /usr/bin/time. */
export function timedNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): TimedRun {
  const start = process.hrtime.bigint();
  const run = spawnSync("/usr/bin/time", ["-f", "__rss_kb=%M", process.execPath, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = /__rss_kb=(\d+)/.exec(run.stderr ?? "");
  return {
    code: run.status ?? -1,
    stdout: run.stdout ?? "",
    stderr: (run.stderr ?? "").replace(/__rss_kb=\d+\n?/, ""),
    ms,
    maxRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
  };
}
