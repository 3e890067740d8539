import type { MigrateResult } from "@retort/runtime";
import { downgrade, migrationSql, upgrade } from "../api/migrations";
import type { Output } from "../output/output";
import { printChecksumWarnings } from "../output/revision-lines";
import { LOCK_WAIT_LINE, stepProgress } from "../output/step-progress";
import { projectOptions } from "../project/session";
import type { Command, CommandContext, ParsedValues } from "./command";
import { UsageError } from "./usage-error";
import { MAX_SECONDS } from "../config/validate-config";

function printResult(out: Output, result: MigrateResult): void {
  if (result.waitedForLock) out.info(`Waited ${(result.waitedMs / 1000).toFixed(1)} s for another migration run to finish.`);
  printChecksumWarnings(out, result.warnings);
  if (result.revisions.length === 0) out.info(`Nothing to do: the database is already at ${result.to.join(", ") || "base"}.`);
  else out.info(`${out.paint.green("Done.")} The database is at ${result.to.join(", ") || "base"}.`);
}

async function run(direction: "upgrade" | "downgrade", values: ParsedValues, positionals: readonly string[], { global, out }: CommandContext): Promise<number> {
  const target = positionals[0] ?? (direction === "upgrade" ? "head" : undefined);
  if (!target) throw new UsageError("downgrade needs a target, e.g. `retort downgrade -1` or `retort downgrade base`.");
  if (positionals.length > 1) throw new UsageError(`${direction} takes one target, got ${positionals.length}.`);
  const options = projectOptions(global);
  if (values.sql) {
    const result = await migrationSql(direction, target, options);
    if (out.options.json) out.json(result);
    else process.stdout.write(`${result.sql}\n`);
    return 0;
  }
  const progress = stepProgress(out);
  const result = await (direction === "upgrade" ? upgrade : downgrade)(target, {
    ...options,
    ...(values.strict ? { strict: true } : {}),
    ...ddlLockTimeoutFlag(values),
    onLockWait: () => out.progress(LOCK_WAIT_LINE),
    onRevisionStart: (s) => progress.start(s),
    onRevision: (r) => progress.done(r.ms),
  }).finally(() => progress.stop());
  if (out.options.json) out.json(result);
  else printResult(out, result);
  return 0;
}

/** `--ddl-lock-timeout <seconds>`, checked as the config key is. */
function ddlLockTimeoutFlag(values: ParsedValues): { ddlLockTimeout?: number } {
  const raw = values["ddl-lock-timeout"];
  if (raw === undefined) return {};
  const seconds = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_SECONDS) {
    throw new UsageError(`--ddl-lock-timeout takes a number of seconds from 0 to ${MAX_SECONDS}, e.g. \`--ddl-lock-timeout 5\` (got ${JSON.stringify(raw)}).`);
  }
  return { ddlLockTimeout: seconds };
}

const migrateOptions = { sql: { type: "boolean" }, strict: { type: "boolean" }, "ddl-lock-timeout": { type: "string" } } as const;
const strictHelp = [
  "      --strict         refuse when an applied migration was edited since it ran (default: warn)",
  "      --ddl-lock-timeout <s>  a statement waiting longer for another session's lock fails (default: config ddlLockTimeout)",
];

export const upgradeCommand: Command = {
  name: "upgrade",
  summary: "apply migrations up to a target (default head)",
  usage: "[target]",
  options: migrateOptions,
  optionHelp: ["      --sql            print the SQL instead of running it (offline; `from:to` ranges)", ...strictHelp],
  run: (values, positionals, ctx) => run("upgrade", values, positionals, ctx),
};

export const downgradeCommand: Command = {
  name: "downgrade",
  summary: "revert migrations down to a target (-1, base, a revision, label@-1 …)",
  usage: "<target>",
  options: migrateOptions,
  optionHelp: ["      --sql            print the SQL instead of running it (offline; needs a `from:to` range)", ...strictHelp],
  run: (values, positionals, ctx) => run("downgrade", values, positionals, ctx),
};
