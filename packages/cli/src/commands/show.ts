import { show } from "../api/migrations";
import { revisionDetails } from "../output/revision-lines";
import { projectOptions } from "../project/session";
import type { Command } from "./command";
import { UsageError } from "./usage-error";

/** The lines of a migration's upgrade() that call the op API: a summary of what it does. */
function bodySummary(source: string): string[] {
  const start = source.search(/function\s+upgrade\s*\(/);
  const end = source.search(/function\s+downgrade\s*\(/);
  const body = start < 0 ? "" : source.slice(start, end > start ? end : undefined);
  return body
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^(await )?op\.|^batch\./.test(l));
}

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
      out.json({ ...rest, operations: bodySummary(source) });
      return 0;
    }
    for (const line of revisionDetails(info)) out.result(line);
    const ops = bodySummary(info.source);
    out.result(ops.length ? `Operations:\n${ops.map((l) => `    ${l}`).join("\n")}` : "Operations: none found (a hand-written body?)");
    return 0;
  },
};
