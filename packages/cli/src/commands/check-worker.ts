import type { OpenedModelSource } from "@retort/core";
import { loadCompilerAhead } from "@retort/loader";
import { existsSync, realpathSync } from "node:fs";
import { sep } from "node:path";
import { checkResultOf, comparedFacts, compareProject, compareReloaded, type CheckResult } from "../api/check";
import { KeptDatabase } from "../api/kept-database";
import { locatorOf, type LocateEntry } from "../project/source-locations";
import { loadProjectConfig, openModelSource, type ProjectOptions } from "../project/session";

/** Set in the environment of the `check` processes `check --watch` starts. */
export const WORKER_ENV = "RETORT_CHECK_WORKER";

/** The watch's messages to a worker, and the worker's answers (over Node's IPC channel). */
export interface CheckOrder {
  /** Files changed since the worker's last check (absolute paths). */
  readonly changed: readonly string[];
}
export type CheckAnswer = { readonly done: number } | { readonly fallback: string };

/** Is this `check` a worker of `check --watch`? */
export function isWatchWorker(): boolean {
  return process.env[WORKER_ENV] === "1" && typeof process.send === "function";
}

type Print = (result: CheckResult, locate: () => Promise<LocateEntry>) => Promise<number>;

/**
 * A `check` process of `check --watch` (docs/performance.md, "check --watch"). Started
 * ahead, it waits for the first order, then checks as `check` does. Instead of exiting it
 * then keeps the project loaded, and checks each later order in place: the source
 * re-reads only the changed modules (`reloadInPlace` of the model-source port) and the
 * database is read afresh. When that is not provably what a fresh `check` would print (a
 * config or migration changed, a file added or removed, anything the source refuses), it
 * answers `fallback` and exits; the watch then checks in a fresh process.
 */
export async function runWatchWorker(
  options: ProjectOptions & { strict?: boolean },
  print: Print,
  freshLocator: () => Promise<LocateEntry>,
  say: { readonly warn: (line: string) => void; readonly detail: (line: string) => void },
): Promise<number> {
  // The marker leaves the environment first: the check must not see (nor the model cache record) a variable of retort's own.
  delete process.env[WORKER_ENV];
  const orders = inbox();
  // The connection and the catalog are kept between checks, the catalog reused while the server shows no change.
  const database = new KeptDatabase();
  try {
    if (!(await orders.next())) return 0;
    // The first check loads the project (not the cached model), so that the next save is checked in place.
    // Its warnings (opening the source: a DataSource that synchronizes) are said again at each check, as a fresh check says them.
    const warnings = new Set<string>();
    let kept: OpenedModelSource | undefined;
    const recording = { ...options, onWarning: (w: string) => (warnings.add(w), options.onWarning?.(w)) };
    const first = await compareProject(recording, "check", (s) => (kept = s), database);
    // The source this check loaded says where entities are declared: no second load.
    const firstLocator = first.locator ? (): Promise<LocateEntry> => locatorOf({ locator: first.locator! }).catch(freshLocator) : freshLocator;
    const code = await print(checkResultOf(first), firstLocator);
    answer({ done: code });
    // Idle until the next save: the compiler it will need is loaded meanwhile.
    setImmediate(loadCompilerAhead);
    let facts = comparedFacts(first);
    let source: Promise<OpenedModelSource | undefined> = kept ? Promise.resolve(kept) : loadedSource({ ...options, onWarning: (w) => warnings.add(w) });
    for (let order = await orders.next(); order; order = await orders.next()) {
      const current = await source;
      const unsafe = current ? await unsafeChange(options, order.changed) : "the project could not be loaded in this process";
      // Node keeps modules under their real paths.
      const outcome = unsafe ? { fallback: unsafe } : await compareReloaded(options, current!, order.changed.map((f) => realpathSync(f)), facts, database);
      if ("fallback" in outcome) {
        answer(outcome);
        return 0;
      }
      source = Promise.resolve(outcome.source);
      facts = comparedFacts(outcome.comparison);
      for (const warning of warnings) say.warn(warning);
      if (outcome.buildNote) say.detail(`The entities: ${outcome.buildNote}.`);
      const locate = (): Promise<LocateEntry> => locatorOf(outcome.source).catch(() => () => undefined);
      answer({ done: await print(checkResultOf(outcome.comparison), locate) });
    }
    return 0;
  } finally {
    await database.forget();
    process.disconnect?.();
  }
}

async function loadedSource(options: ProjectOptions): Promise<OpenedModelSource | undefined> {
  try {
    const source = await openModelSource(options, await loadProjectConfig(options));
    await source.load();
    return source;
  } catch {
    return undefined;
  }
}

/** Why `changed` needs a fresh process, whatever the source says: the config, a migration, a file gone. */
async function unsafeChange(options: ProjectOptions, changed: readonly string[]): Promise<string | undefined> {
  if (changed.length === 0) return "no changed file was named";
  const config = await loadProjectConfig(options);
  for (const file of changed) {
    if (file === config.file) return "the config changed";
    if (file.startsWith(config.migrations + sep)) return "a migration changed";
    if (!existsSync(file)) return `${file} was removed or renamed`;
  }
  return undefined;
}

function answer(message: CheckAnswer): void {
  process.send?.(message);
}

/** The watch's orders, one at a time; `undefined` once the watch has gone. */
function inbox(): { next(): Promise<CheckOrder | undefined> } {
  const queued: (CheckOrder | undefined)[] = [];
  let waiting: ((order: CheckOrder | undefined) => void) | undefined;
  const deliver = (order: CheckOrder | undefined): void => {
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w(order);
    } else queued.push(order);
  };
  process.on("message", (m: CheckOrder) => deliver({ changed: Array.isArray(m?.changed) ? m.changed : [] }));
  process.on("disconnect", () => deliver(undefined));
  return {
    next: () => (queued.length > 0 ? Promise.resolve(queued.shift()) : new Promise((resolve) => (waiting = resolve))),
  };
}
