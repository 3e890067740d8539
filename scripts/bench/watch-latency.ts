import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface WatchFigure {
  /** From the first save to `check --watch`'s status line for it. */
  readonly ms: number;
  /** The median of the same for the later saves (an editor saves again and again): the worker is warm. */
  readonly laterMs: number;
  /** CPU time (user+sys) the watch and the processes it waited for spent on the first re-check. */
  readonly cpuMs: number;
  /** Peak resident memory of the watch process itself (not of re-check processes it may start). */
  readonly maxRssMb: number;
  /** Did each report name the edited table when a column was added (the change was seen)? */
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

/** Saves after the first: added, restored, added… (an odd number, so the last one adds). */
const LATER_SAVES = 5;

/**
 * Starts `retort check --watch` in `dir`, waits for its first status line, then saves one
 * entity (`edit`: a column added) and measures until the next status line; then saves it
 * again, alternately restored (`restore`) and edited, measuring each.
 */
export async function benchWatch(
  retortBin: string,
  dir: string,
  env: NodeJS.ProcessEnv,
  edit: () => void,
  restore: () => void,
  editedTable: string,
): Promise<WatchFigure> {
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
    const save = async (change: () => void, seen: number): Promise<{ ms: number; report: string }> => {
      const before = output.length;
      const saved = Number(process.hrtime.bigint()) / 1e6;
      change();
      const reported = await until(seen, Date.now());
      await new Promise((r) => setTimeout(r, 300));
      return { ms: reported - saved, report: output.slice(before).toLowerCase() };
    };
    const cpuBefore = processCpuMs(child.pid!);
    const first = await save(edit, 2);
    // The re-check's processes have been waited for once the status line is out.
    const cpuMs = processCpuMs(child.pid!) - cpuBefore;
    const later: number[] = [];
    let found = first.report.includes(editedTable.toLowerCase());
    for (let i = 0; i < LATER_SAVES; i++) {
      const adds = i % 2 === 1;
      const next = await save(adds ? edit : restore, 3 + i);
      later.push(next.ms);
      if (adds) found &&= next.report.includes(editedTable.toLowerCase());
    }
    later.sort((a, b) => a - b);
    return { ms: first.ms, laterMs: later[Math.floor(later.length / 2)]!, cpuMs, maxRssMb: peakRssMb(child.pid!), found };
  } finally {
    child.kill("SIGINT");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}
