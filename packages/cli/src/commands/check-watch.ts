import { spawn, type ChildProcess } from "node:child_process";
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { ModelCache } from "../project/model-cache/model-cache";
import { modelSourceOf, sourceProject } from "../project/model-sources";
import { explicitUrl, loadProjectConfig, type ProjectOptions } from "../project/session";
import type { Output } from "../output/output";
import { WORKER_ENV, type CheckAnswer, type CheckOrder } from "./check-worker";

/** Changes closer together than this are one re-check (an editor's save writes several times, within a few ms). */
const DEBOUNCE_MS = 30;

/**
 * The standby starts once the watch has been idle this long: starting Node and retort
 * takes a core for a few hundred ms, which a check running beside it would lose.
 */
const STANDBY_AFTER_IDLE_MS = 1000;

/** The binary this module belongs to: each worker runs it (`args`: the command line without `--watch`). */
const RETORT_BIN = join(__dirname, "..", "..", "..", "bin", "retort.js");

/** Files whose change can change the comparison: code, JSON, `.env`, the model source's own files (not a SQLite database the check itself opens). */
const RELEVANT = /(\.(c|m)?(t|j)sx?|\.json|^\.env.*)$/;

/**
 * `retort check --watch` (README.md, "Commands"): runs `check` now and again whenever
 * an entity file, a file it imports, the config or a migration changes, printing the
 * same lines as `check` and then one status line.
 *
 * Checks run in worker processes of `retort check` (check-worker.ts), each started ahead
 * (a standby, started once the watch has been idle for a second: it loads retort and
 * waits, reading nothing of the project, so that a save does not wait for Node and
 * retort to start). After its first check a worker stays,
 * keeping the project loaded, and checks the next change in place, re-reading only the
 * changed modules; when that is not provably the same as a fresh check it says so and
 * exits, and the standby checks afresh (docs/performance.md, "check --watch").
 */
export async function watchCheck(options: ProjectOptions, args: readonly string[], out: Output): Promise<number> {
  const config = await loadProjectConfig(options);
  const url = explicitUrl(options, config);
  const kind = modelSourceOf(config);
  const project = sourceProject(config, { cwd: options.cwd, explicitUrl: url });
  // The inputs of the last cached build (the modules it loaded), read without building anything.
  const cache = ModelCache.open({ configFile: config.file, explicitUrl: url ?? null }, kind.cache ? { part: kind.cache, project } : null);
  const watchers = new Map<string, FSWatcher>();
  /** The worker that checked last, idle and keeping the project loaded. */
  let worker: ChildProcess | undefined;
  /** The worker checking now. */
  let child: ChildProcess | undefined;
  /** A fresh worker, started ahead: it has read nothing of the project yet. */
  let standby: ChildProcess | undefined;
  const startProcess = (): ChildProcess => {
    const proc = spawn(process.execPath, [RETORT_BIN, "check", ...args], { stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, [WORKER_ENV]: "1" } });
    proc.on("error", () => undefined);
    return proc;
  };
  const alive = (proc: ChildProcess | undefined): proc is ChildProcess => proc !== undefined && proc.exitCode === null && proc.signalCode === null && proc.connected;
  let standbyTimer: NodeJS.Timeout | undefined;
  const prepareStandby = (): void => {
    clearTimeout(standbyTimer);
    standbyTimer = setTimeout(() => {
      if (!stopped && !standby && !child) standby = startProcess();
    }, STANDBY_AFTER_IDLE_MS);
  };
  /** Files changed since the last check began. */
  const changed = new Set<string>();
  let pending: NodeJS.Timeout | undefined;
  let again = false;
  let stopped = false;

  const watchFolders = (): void => {
    const inputs = cache?.lastInputs() ?? { files: [], globDirs: [] };
    const folders = new Set([dirname(config.file), config.migrations, ...kind.watchFolders(project), ...inputs.files.map((f) => dirname(f)), ...inputs.globDirs]);
    for (const folder of folders) {
      if (watchers.has(folder) || folder.includes(`${sep}node_modules${sep}`)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          const file = name ? basename(name.toString()) : "";
          if (RELEVANT.test(file) || kind.watchedFileNames?.test(file)) {
            // A change without a name cannot be re-read in place: an empty name asks for a fresh process.
            changed.add(name ? join(folder, name.toString()) : "");
            schedule();
          }
        });
        watcher.on("error", () => undefined);
        watchers.set(folder, watcher);
      } catch {
        // a folder not there (yet): the next check watches it
      }
    }
  };

  const runCheck = (): void => {
    const started = Date.now();
    out.info(`[${clock()}] retort check --watch: checking…`);
    const files = [...changed];
    changed.clear();
    // The last worker re-checks in place; else the standby (or, if it is gone, a fresh process).
    const inPlace = alive(worker) && !files.includes("");
    if (!inPlace) worker?.disconnect();
    const proc = inPlace ? worker! : alive(standby) ? standby : startProcess();
    if (proc === standby) standby = undefined;
    worker = undefined;
    order(proc, files, started);
  };

  const order = (proc: ChildProcess, files: readonly string[], started: number): void => {
    child = proc;
    const finish = (code: number | null, idle: ChildProcess | undefined): void => {
      proc.off("message", onAnswer);
      proc.off("exit", onExit);
      child = undefined;
      if (stopped) return;
      worker = idle;
      prepareStandby();
      const verdict = code === 0 ? "in sync" : code === 1 ? "differences found" : "error";
      // Watching before the status line: a save right after it is seen.
      watchFolders();
      out.info(`[${clock()}] retort check --watch: ${verdict} (${Date.now() - started} ms); watching for changes, Ctrl-C to stop`);
      if (again) {
        again = false;
        runCheck();
      }
    };
    const onAnswer = (answer: CheckAnswer): void => {
      if ("done" in answer) return finish(answer.done, proc);
      // Not provably the same as a fresh check: a fresh process checks instead.
      proc.off("message", onAnswer);
      proc.off("exit", onExit);
      out.detail(`Checking in a fresh process: ${answer.fallback}`);
      const next = alive(standby) ? standby : startProcess();
      if (next === standby) standby = undefined;
      order(next, [], started);
    };
    const onExit = (code: number | null): void => finish(code, undefined);
    proc.on("message", onAnswer);
    proc.on("exit", onExit);
    proc.send({ changed: files } satisfies CheckOrder, () => undefined);
  };

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (child) again = true;
      else runCheck();
    }, DEBOUNCE_MS);
  };

  return await new Promise<number>((resolve) => {
    const stop = (): void => {
      stopped = true;
      clearTimeout(pending);
      clearTimeout(standbyTimer);
      for (const w of watchers.values()) w.close();
      // An idle worker or a standby whose channel closes exits at once.
      for (const idle of [worker, standby]) if (alive(idle)) idle.disconnect();
      if (child) {
        child.once("exit", () => resolve(0));
        child.kill("SIGINT");
      } else resolve(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    watchFolders();
    runCheck();
  });
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}
