import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface WatchFigure {
  /** From the save to `check --watch`'s status line for it. */
  readonly ms: number;
  /** CPU time (user+sys) the watch and the processes it waited for spent on that re-check. */
  readonly cpuMs: number;
  /** Peak resident memory of the watch process itself (not of re-check processes it may start). */
  readonly maxRssMb: number;
  /** Did the report name the edited table (the change was seen)? */
  readonly found: boolean;
}

/** utime+stime+cutime+cstime of a process, in ms (Linux /proc; clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  // After "pid (comm) ": state is field 3, utime field 14 → index 11 here.
  return fields.slice(11, 15).reduce((n, f) => n + Number(f), 0) * 10;
}

function peakRssMb(pid: number): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return hwm ? Number(hwm[1]) / 1024 : Number.NaN;
}

const STATUS = /retort check --watch: (in sync|differences found|error) \(/;

/**
 * Starts `retort check --watch` in `dir`, waits for its first status line, then runs
 * `edit` (a one-entity save) and measures until the next status line.
 */
export async function benchWatch(retortBin: string, dir: string, env: NodeJS.ProcessEnv, edit: () => void, editedTable: string): Promise<WatchFigure> {
  const child = spawn(process.execPath, [retortBin, "check", "--watch"], { cwd: dir, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((done) => child.on("exit", () => done()));
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const statusLines = () => output.split("\n").filter((l) => STATUS.test(l)).length;
  const until = async (count: number, since: number): Promise<number> => {
    while (statusLines() < count) {
      if (Date.now() - since > 600_000) throw new Error(`check --watch: no status line after 10 minutes; output:\n${output}`);
      if (child.exitCode !== null) throw new Error(`check --watch exited (${child.exitCode}); output:\n${output}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return Number(process.hrtime.bigint()) / 1e6;
  };
  try {
    await until(1, Date.now());
    // Let the watchers settle (the first check's own writes to caches are not project files).
    await new Promise((r) => setTimeout(r, 300));
    const before = output.length;
    const cpuBefore = processCpuMs(child.pid!);
    const saved = Number(process.hrtime.bigint()) / 1e6;
    edit();
    const reported = await until(2, Date.now());
    // The re-check's processes have been waited for once the status line is out.
    const cpuMs = processCpuMs(child.pid!) - cpuBefore;
    const report = output.slice(before).toLowerCase();
    return { ms: reported - saved, cpuMs, maxRssMb: peakRssMb(child.pid!), found: report.includes(editedTable.toLowerCase()) };
  } finally {
    child.kill("SIGINT");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}
