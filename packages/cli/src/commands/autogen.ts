import { describeLine } from "@retort/compare";
import { relative } from "node:path";
import { printChecksumWarnings } from "../output/revision-lines";
import { projectOptions } from "../project/session";
import type { Command } from "./command";
import { dialectMismatchHelp, dialectMismatchOption, graphOptionHelp, graphOptions, graphValues, requireMessage } from "./graph-options";

const NEEDS_BASELINE = "The database already has tables that no migration creates.";

export const autogenCommand: Command = {
  name: "autogen",
  summary: "compare the entities with the database and write a migration file",
  usage: "-m <message>",
  options: {
    ...graphOptions,
    "dry-run": { type: "boolean" },
    sql: { type: "boolean" },
    "allow-empty": { type: "boolean" },
    rename: { type: "string", multiple: true },
    "rename-table": { type: "string", multiple: true },
    autogenerate: { type: "boolean" },
    ...dialectMismatchOption,
  },
  optionHelp: [
    ...graphOptionHelp,
    "      --dry-run        print the file, write nothing",
    "      --sql            also print the SQL the upgrade would run",
    "      --allow-empty    write a revision even when nothing changed",
    "      --rename <table.old=new>  make that dropped + added column a rename",
    "      --rename-table <old=new>  make that dropped + created table a rename",
    ...dialectMismatchHelp,
  ],
  async run(values, _positionals, { global, out }) {
    // The generator (codegen, prettier) loads only for the commands that write a migration.
    const { autogen } = require("../api/autogen") as typeof import("../api/autogen");
    const result = await autogen({
      ...projectOptions(global),
      allowDialectMismatch: values["allow-dialect-mismatch"] === true,
      message: requireMessage(values, "autogen"),
      ...graphValues(values),
      dryRun: values["dry-run"] === true,
      sql: values.sql === true,
      allowEmpty: values["allow-empty"] === true,
      renameColumns: values.rename as string[] | undefined,
      renameTables: values["rename-table"] as string[] | undefined,
    });
    printChecksumWarnings(out, result.editedMigrations);
    if (out.options.json) {
      // The file's text is on disk; only --dry-run, which writes nothing, puts it in the document.
      const { source, ...rest } = result;
      out.json(values["dry-run"] ? { ...rest, source } : rest);
      return 0;
    }
    if (!result.source) {
      out.result("No changes detected.");
      if (result.needsBaseline) out.info(`${NEEDS_BASELINE} Adopt it with \`retort baseline -m "baseline"\` (README.md, "Adopting retort in an existing project").`);
      return 0;
    }
    if (result.needsBaseline) out.warn(`${NEEDS_BASELINE} This first revision does not create them, so a fresh database cannot be built from the migrations: to adopt the database, remove it and see README.md, "Adopting retort in an existing project".`);
    for (const entry of result.operations) out.info(`  ${describeLine(entry)}`);
    for (const w of result.warnings) out.warn(w);
    for (const h of result.renameHints) out.info(out.paint.yellow(h.replace(/^\/\/\s?/, "")));
    if (result.parts) {
      out.info(`${result.operations.length} changes are too many for one PostgreSQL transaction (its lock table would run out): written as ${result.parts.length} revisions that apply one after the other.`);
      for (const part of result.parts) if (part.file) out.result(`${out.paint.green("Generated")} ${relative(global.cwd, part.file)}`);
    } else if (result.file) out.result(`${out.paint.green("Generated")} ${relative(global.cwd, result.file)}`);
    else process.stdout.write(result.source);
    if (result.statements) process.stdout.write(`\n-- SQL for ${result.dialect}:\n${result.statements.map((s) => `${s};`).join("\n")}\n`);
    return 0;
  },
};
