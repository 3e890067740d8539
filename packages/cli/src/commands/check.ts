import { describeLine, type DiffEntry } from "@retort/compare";
import { relative } from "node:path";
import { checkWithLocator, type CheckResult } from "../api/check";
import { watchCheck } from "./check-watch";
import { isWatchWorker, runWatchWorker } from "./check-worker";
import type { Output } from "../output/output";
import { printChecksumWarnings } from "../output/revision-lines";
import { locatorOf, sourceLocator, type LocateEntry } from "../project/source-locations";
import { projectOptions, type ProjectOptions } from "../project/session";
import type { Command } from "./command";
import { dialectMismatchHelp, dialectMismatchOption } from "./graph-options";

/**
 * The entity file and line of each difference, when retort can tell. Finding them is a
 * convenience for editors' problem matchers: a failure costs the locations, never the check.
 */
async function locator(options: ProjectOptions, out: Output): Promise<LocateEntry> {
  try {
    return await sourceLocator(options);
  } catch (e) {
    out.detail(`No entity locations: ${(e as Error).message}`);
    return () => undefined;
  }
}

/** `  src/entities/user.ts:12: + add column user.score (…)`, or without the location. */
function differenceLine(entry: DiffEntry, locate: LocateEntry, cwd: string): string {
  const at = locate(entry);
  return `  ${at ? `${relative(cwd, at.file)}:${at.line}: ` : ""}${describeLine(entry)}`;
}

/** This process's arguments, each of `words` taken out once (the re-checks of `--watch` run the rest). */
function commandLineWithout(words: readonly string[]): string[] {
  const args = process.argv.slice(2);
  for (const word of words) {
    const at = args.indexOf(word);
    if (at >= 0) args.splice(at, 1);
  }
  return args;
}

export const checkCommand: Command = {
  name: "check",
  summary: "compare the entities with the database; exit 1 when they differ",
  usage: "",
  options: { strict: { type: "boolean" }, watch: { type: "boolean" }, ...dialectMismatchOption },
  optionHelp: [
    "      --strict         an applied migration edited since it ran is an error (exit 2), not a warning",
    "      --watch          keep running: check again whenever an entity, config or migration file changes",
    ...dialectMismatchHelp,
  ],
  async run(values, _positionals, { global, out }) {
    const options = { ...projectOptions(global), allowDialectMismatch: values["allow-dialect-mismatch"] === true };
    if (values.watch) return await watchCheck(options, commandLineWithout(["check", "--watch"]), out);
    const checkOptions = { ...options, ...(values.strict ? { strict: true } : {}) };
    const print = (result: CheckResult, locate: () => Promise<LocateEntry>): Promise<number> => printCheck(result, locate, out, global.cwd);
    // A re-check process of `--watch`: retort is loaded; the project is read once the watch says go.
    if (isWatchWorker()) return await runWatchWorker(checkOptions, print, () => locator(options, out), { warn: (line) => out.warn(line), detail: (line) => out.detail(line) });
    const { result, locator: known } = await checkWithLocator(checkOptions);
    // The model cache's copy of where entities are declared, or the source this check loaded: no second load.
    const locate = known ? () => locatorOf({ locator: known }).catch(() => locator(options, out)) : () => locator(options, out);
    return await print(result, locate);
  },
};

/** What `check` prints for a result; its exit code. `locate` is asked only when there are differences to place. */
async function printCheck(result: CheckResult, locate: () => Promise<LocateEntry>, out: Output, cwd: string): Promise<number> {
  printChecksumWarnings(out, result.editedMigrations);
  if (out.options.json) {
    out.json(result);
  } else if (result.upToDate) {
    out.result("No new upgrade operations detected.");
  } else {
    const at = await locate();
    out.result(`${result.operations.length} difference${result.operations.length === 1 ? "" : "s"} between the entities and the database (${result.dialect}):`);
    for (const entry of result.operations) {
      out.result(differenceLine(entry, at, cwd));
      out.detail(`      ${JSON.stringify(entry.details)}`);
    }
    out.info(out.paint.dim('Run `retort autogen -m "<message>"` to write a migration for them.'));
  }
  return result.upToDate ? 0 : 1;
}
