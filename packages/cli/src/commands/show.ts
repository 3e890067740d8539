import { show } from "../api/migrations";
import { operationCalls } from "../output/operation-calls";
import { revisionDetails } from "../output/revision-lines";
import { projectOptions } from "../project/session";
import type { Command } from "./command";
import { UsageError } from "./usage-error";

export const showCommand: Command = {
  name: "show",
  summary: "show one revision's header and a summary of its body",
  usage: "<revision>",
  options: {},
  async run(_values, positionals, { global, out }) {
    const rev = positionals[0];
    if (!rev || positionals.length > 1) throw new UsageError("show takes one revision, e.g. `retort show head`.");
    const info = await show(rev, projectOptions(global));
    if (out.options.json) {
      const { source, ...rest } = info;
      out.json({ ...rest, operations: operationCalls(source) });
      return 0;
    }
    for (const line of revisionDetails(info)) out.result(line);
    const ops = operationCalls(info.source);
    out.result(ops.length ? `Operations:\n${ops.map((l) => `    ${l}`).join("\n")}` : "Operations: none found (a hand-written body?)");
    return 0;
  },
};
