import { describeLine } from "@retort/compare";
import { check } from "../api/check";
import { projectOptions } from "../project/session";
import type { Command } from "./command";

export const checkCommand: Command = {
  name: "check",
  summary: "compare the entities with the database; exit 1 when they differ",
  usage: "",
  options: {},
  async run(_values, _positionals, { global, out }) {
    const result = await check(projectOptions(global));
    if (out.options.json) {
      out.json(result);
    } else if (result.upToDate) {
      out.result("No new upgrade operations detected.");
    } else {
      out.result(`${result.operations.length} difference${result.operations.length === 1 ? "" : "s"} between the entities and the database (${result.dialect}):`);
      for (const entry of result.operations) out.result(`  ${describeLine(entry)}`);
      out.info(out.paint.dim('Run `retort autogen -m "<message>"` to write a migration for them.'));
    }
    return result.upToDate ? 0 : 1;
  },
};
