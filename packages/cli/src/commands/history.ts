import { history } from "../api/migrations";
import { revisionDetails, revisionLine } from "../output/revision-lines";
import { projectOptions } from "../project/session";
import type { Command } from "./command";

export const historyCommand: Command = {
  name: "history",
  summary: "list revisions, newest first",
  usage: "",
  options: { rev: { type: "string", short: "r" }, "indicate-current": { type: "boolean", short: "i" } },
  optionHelp: [
    "  -r, --rev <a:b>      only revisions from a to b (either side optional; `current` allowed)",
    "  -i, --indicate-current  mark the database's revisions",
  ],
  async run(values, _positionals, { global, out }) {
    const verbose = values.verbose === true;
    const result = await history({
      ...projectOptions(global),
      range: values.rev as string | undefined,
      verbose,
      indicateCurrent: values["indicate-current"] === true,
    });
    if (out.options.json) {
      out.json(result);
      return 0;
    }
    if (result.revisions.length === 0) out.result("No revisions.");
    for (const r of result.revisions) {
      if (verbose) for (const line of revisionDetails(r)) out.result(line);
      else out.result(revisionLine(out, r));
    }
    return 0;
  },
};
