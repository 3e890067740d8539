import { branches, heads } from "../api/migrations";
import { revisionDetails, revisionLine } from "../output/revision-lines";
import { projectOptions } from "../project/session";
import type { Command } from "./command";

export const headsCommand: Command = {
  name: "heads",
  summary: "list the head revisions",
  usage: "",
  options: {},
  async run(values, _positionals, { global, out }) {
    const result = await heads(projectOptions(global));
    if (out.options.json) out.json(result);
    else if (result.heads.length === 0) out.result("No revisions.");
    else for (const h of result.heads) for (const l of values.verbose ? revisionDetails(h) : [revisionLine(out, h, { parents: false })]) out.result(l);
    return 0;
  },
};

export const branchesCommand: Command = {
  name: "branches",
  summary: "list the branch points",
  usage: "",
  options: {},
  async run(values, _positionals, { global, out }) {
    const result = await branches(projectOptions(global));
    if (out.options.json) {
      out.json(result);
      return 0;
    }
    if (result.branchPoints.length === 0) out.result("No branch points.");
    for (const bp of result.branchPoints) {
      for (const l of values.verbose ? revisionDetails(bp.revision) : [revisionLine(out, bp.revision)]) out.result(l);
      for (const child of bp.children) out.result(`  -> ${revisionLine(out, child)}`);
    }
    return 0;
  },
};
