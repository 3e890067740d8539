import { spawnSync } from "node:child_process";

export interface TimedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Peak resident memory of the process, from /usr/bin/time. */
  readonly maxRssMb: number;
  /** User + system CPU time of the process, from /usr/bin/time (on a busy machine, steadier than wall time). */
  readonly cpuMs: number;
}

/** Runs `node <args>` in `cwd`, timing it and reading its peak memory with /usr/bin/time. */
export function timedNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): TimedRun {
  const start = process.hrtime.bigint();
  const run = spawnSync("/usr/bin/time", ["-f", "__rss_kb=%M __cpu=%U+%S", process.execPath, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = /__rss_kb=(\d+) __cpu=([\d.]+)\+([\d.]+)/.exec(run.stderr ?? "");
  return {
    code: run.status ?? -1,
    stdout: run.stdout ?? "",
    stderr: (run.stderr ?? "").replace(/__rss_kb=.*\n?/, ""),
    ms,
    maxRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    cpuMs: rss ? (Number(rss[2]) + Number(rss[3])) * 1000 : Number.NaN,
  };
}
