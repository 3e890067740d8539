import type { MigrateResult, RevisionProgress } from "@retort/runtime";
import { downgrade, migrationSql, upgrade } from "../api/migrations";
import type { Output } from "../output/output";
import { printChecksumWarnings } from "../output/revision-lines";
import { projectOptions } from "../project/session";
import type { Command, CommandContext, ParsedValues } from "./command";
import { UsageError } from "./usage-error";

const arrow = (r: RevisionProgress) => `${r.from.join(", ") || "<base>"} -> ${r.to.join(", ") || "<base>"}`;

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
  const result = await (direction === "upgrade" ? upgrade : downgrade)(target, {
    ...options,
    ...(values.strict ? { strict: true } : {}),
    onRevisionStart: (s) => out.detail(`Running ${s.direction} ${s.from.join(", ") || "<base>"} -> ${s.to.join(", ") || "<base>"}, ${s.message}`),
    onRevision: (r) => out.info(`${r.direction === "upgrade" ? out.paint.green("▲") : out.paint.yellow("▼")} ${arrow(r)}  ${r.message}  ${out.paint.dim(`(${r.ms} ms)`)}`),
  });
  if (out.options.json) out.json(result);
  else printResult(out, result);
  return 0;
}

const migrateOptions = { sql: { type: "boolean" }, strict: { type: "boolean" } } as const;
const strictHelp = "      --strict         refuse when an applied migration was edited since it ran (default: warn)";

export const upgradeCommand: Command = {
  name: "upgrade",
  summary: "apply migrations up to a target (default head)",
  usage: "[target]",
  options: migrateOptions,
  optionHelp: ["      --sql            print the SQL instead of running it (offline; `from:to` ranges)", strictHelp],
  run: (values, positionals, ctx) => run("upgrade", values, positionals, ctx),
};

export const downgradeCommand: Command = {
  name: "downgrade",
  summary: "revert migrations down to a target (-1, base, a revision, label@-1 …)",
  usage: "<target>",
  options: migrateOptions,
  optionHelp: ["      --sql            print the SQL instead of running it (offline; needs a `from:to` range)", strictHelp],
  run: (values, positionals, ctx) => run("downgrade", values, positionals, ctx),
};
