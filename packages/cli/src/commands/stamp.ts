import { stamp } from "../api/migrations";
import { LOCK_WAIT_LINE } from "../output/step-progress";
import { projectOptions } from "../project/session";
import type { Command } from "./command";
import { UsageError } from "./usage-error";

export const stampCommand: Command = {
  name: "stamp",
  summary: "set the version table to a revision without running migrations",
  usage: "<revision>",
  options: { purge: { type: "boolean" } },
  optionHelp: ["      --purge          empty the version table first (also when it names unknown revisions)"],
  async run(values, positionals, { global, out }) {
    const target = positionals[0];
    if (!target || positionals.length > 1) throw new UsageError("stamp takes one revision, e.g. `retort stamp head`.");
    const result = await stamp(target, { ...projectOptions(global), purge: values.purge === true, onLockWait: () => out.progress(LOCK_WAIT_LINE) });
    if (out.options.json) out.json(result);
    else out.info(`Stamped: ${result.from.join(", ") || "<base>"} -> ${result.to.join(", ") || "<base>"}${result.purged ? " (purged first)" : ""}.`);
    return 0;
  },
};
