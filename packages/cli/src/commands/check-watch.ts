import { spawn, type ChildProcess } from "node:child_process";
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { ModelCache } from "../project/model-cache/model-cache";
import { modelSourceOf, sourceProject } from "../project/model-sources";
import { explicitUrl, loadProjectConfig, type ProjectOptions } from "../project/session";
import type { Output } from "../output/output";

/** Changes closer together than this are one re-check (an editor's save writes several times). */
const DEBOUNCE_MS = 80;

/** The binary this module belongs to: each re-check runs it afresh (`args`: the command line without `--watch`). */
const RETORT_BIN = join(__dirname, "..", "..", "..", "bin", "retort.js");

/** Files whose change can change the comparison: code, JSON, `.env`, the model source's own files (not a SQLite database the check itself opens). */
const RELEVANT = /(\.(c|m)?(t|j)sx?|\.json|^\.env.*)$/;

/**
 * `retort check --watch` (README.md, "Commands"): runs `check` now and again whenever
 * an entity file, a file it imports, the config or a migration changes, printing the
 * same lines as `check` and then one status line.
 *
 * Each check runs in a fresh `retort check` process: TypeORM keeps entity classes in a
 * process-wide registry, so reloading changed modules in place would register them twice.
 * The model cache makes an unchanged project cost no entity loading, and the compile
 * cache makes a changed one recompile only the edited files. The next check's process is
 * started ahead, as soon as one ends (a standby, `RETORT_CHECK_STANDBY`): it loads
 * retort and waits, reading nothing of the project, until a change says go, so that a
 * save does not wait for Node and retort to start.
 */
export async function watchCheck(options: ProjectOptions, args: readonly string[], out: Output): Promise<number> {
  const config = await loadProjectConfig(options);
  const url = explicitUrl(options, config);
  const kind = modelSourceOf(config);
  const project = sourceProject(config, { cwd: options.cwd, explicitUrl: url });
  // The inputs of the last cached build (the modules it loaded), read without building anything.
  const cache = ModelCache.open({ configFile: config.file, explicitUrl: url ?? null }, kind.cache ? { part: kind.cache, project } : null);
  const watchers = new Map<string, FSWatcher>();
  let child: ChildProcess | undefined;
  let standby: ChildProcess | undefined;
  const startProcess = (): ChildProcess => {
    const proc = spawn(process.execPath, [RETORT_BIN, "check", ...args], { stdio: ["pipe", "inherit", "inherit"], env: { ...process.env, [STANDBY_ENV]: "1" } });
    proc.stdin!.on("error", () => undefined);
    return proc;
  };
  const prepareStandby = (): void => {
    if (!stopped && !standby) standby = startProcess();
  };
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
          if (RELEVANT.test(file) || kind.watchedFileNames?.test(file)) schedule();
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
    // The standby, unless it is gone (then a fresh process, which waits for the same go).
    const proc = standby && standby.exitCode === null && standby.signalCode === null ? standby : startProcess();
    standby = undefined;
    child = proc;
    proc.stdin!.end(`${GO}\n`);
    proc.on("exit", (code) => {
      child = undefined;
      if (stopped) return;
      prepareStandby();
      const verdict = code === 0 ? "in sync" : code === 1 ? "differences found" : "error";
      // Watching before the status line: a save right after it is seen.
      watchFolders();
      out.info(`[${clock()}] retort check --watch: ${verdict} (${Date.now() - started} ms); watching for changes, Ctrl-C to stop`);
      if (again) {
        again = false;
        runCheck();
      }
    });
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
      for (const w of watchers.values()) w.close();
      // A standby whose input ends exits at once, having read nothing.
      standby?.stdin?.end();
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

const STANDBY_ENV = "RETORT_CHECK_STANDBY";
const GO = "go";

/** Is this `check` a standby process of `check --watch`? */
export function isStandby(): boolean {
  return process.env[STANDBY_ENV] === "1";
}

/**
 * Waits for the watch's go on stdin: true then, false when the input ends without it
 * (the watch stopped). The marker leaves the environment first: the check must not see
 * (nor the model cache record) a variable of retort's own.
 */
export async function goAhead(): Promise<boolean> {
  delete process.env[STANDBY_ENV];
  let input = "";
  for await (const chunk of process.stdin) {
    input += String(chunk);
    if (input.includes("\n")) break;
  }
  return input.split("\n")[0] === GO;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}
