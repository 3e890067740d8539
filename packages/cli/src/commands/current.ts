import { describeInterrupted } from "@retort/runtime";
import { current } from "../api/migrations";
import { printChecksumWarnings, revisionDetails, revisionLine } from "../output/revision-lines";
import { projectOptions } from "../project/session";
import type { Command } from "./command";

export const currentCommand: Command = {
  name: "current",
  summary: "show the database's revision(s)",
  usage: "",
  options: {},
  async run(values, _positionals, { global, out }) {
    const verbose = values.verbose === true;
    const result = await current({ ...projectOptions(global), verbose });
    if (out.options.json) {
      out.json(result);
      for (const r of result.interrupted) out.warn(describeInterrupted(r));
      return 0;
    }
    if (result.heads.length === 0) out.result("<base> (no revision applied)");
    for (const head of result.heads) {
      if (verbose) for (const line of revisionDetails(head)) out.result(line);
      else out.result(revisionLine(out, { ...head, isCurrent: false }, { parents: false }));
    }
    printChecksumWarnings(out, result.warnings);
    for (const r of result.interrupted) out.warn(describeInterrupted(r));
    return 0;
  },
};
