import { relative } from "node:path";
import { projectOptions } from "../project/session";
import type { Command } from "./command";
import { requireMessage } from "./graph-options";

/** `retort baseline -m`: adopt an existing database (README.md, "Adopting retort in an existing project"). */
export const baselineCommand: Command = {
  name: "baseline",
  summary: "adopt an existing database: write one revision creating today's schema and stamp the database at it",
  usage: "-m <message>",
  options: {
    message: { type: "string", short: "m" },
    "rev-id": { type: "string" },
    "dry-run": { type: "boolean" },
    sql: { type: "boolean" },
  },
  optionHelp: [
    "  -m, --message <msg>  the revision's message (required)",
    "      --rev-id <id>    use this revision id instead of a random one",
    "      --dry-run        print the file; write nothing, stamp nothing",
    "      --sql            also print the SQL the revision runs on a fresh database",
  ],
  async run(values, _positionals, { global, out }) {
    const dryRun = values["dry-run"] === true;
    // Baseline writes a migration: the generator (codegen, prettier) loads only when it runs.
    const { baseline } = require("../api/baseline") as typeof import("../api/baseline");
    const result = await baseline({
      ...projectOptions(global),
      message: requireMessage(values, "baseline"),
      revId: values["rev-id"] as string | undefined,
      dryRun,
      sql: values.sql === true,
    });
    if (out.options.json) {
      const { source, ...rest } = result;
      out.json(dryRun ? { ...rest, source } : rest);
      return 0;
    }
    const tables = result.operations.filter((o) => o.kind === "add_table").map((o) => o.table);
    out.info(`Baseline ${result.revision} creates ${tables.length} table${tables.length === 1 ? "" : "s"}: ${tables.join(", ")}.`);
    for (const t of result.keptTables) out.info(`  left untouched: ${t.schema ? `${t.schema}.` : ""}${t.name} (${t.owner})`);
    if (result.file) out.result(`${out.paint.green("Generated")} ${relative(global.cwd, result.file)}`);
    else process.stdout.write(result.source);
    if (result.statements) process.stdout.write(`\n-- SQL for ${result.dialect}:\n${result.statements.map((s) => `${s};`).join("\n")}\n`);
    if (result.stamped) {
      out.result(`Stamped the database at ${result.revision} without running it.`);
      out.info(out.paint.dim('`retort check` now exits 0; after an entity change, run `retort autogen -m "<message>"`.'));
    }
    return 0;
  },
};
