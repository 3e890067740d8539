import { relative } from "node:path";
import { merge, revision } from "../api/migrations";
import { projectOptions } from "../project/session";
import { autogenCommand } from "./autogen";
import type { Command } from "./command";
import { graphOptionHelp, graphOptions, graphValues, requireMessage } from "./graph-options";
import { UsageError } from "./usage-error";

export const revisionCommand: Command = {
  name: "revision",
  summary: "write an empty migration (or --autogenerate, the same as autogen)",
  usage: "-m <message>",
  options: { ...autogenCommand.options },
  optionHelp: [...graphOptionHelp, "      --autogenerate   compare and fill the file, as `retort autogen`"],
  async run(values, positionals, ctx) {
    if (values.autogenerate) return autogenCommand.run(values, positionals, ctx);
    const { global, out } = ctx;
    const written = await revision({ ...projectOptions(global), message: requireMessage(values, "revision"), ...graphValues(values) });
    if (out.options.json) out.json(written);
    else out.info(`${out.paint.green("created")} ${relative(global.cwd, written.file)}`);
    return 0;
  },
};

export const mergeCommand: Command = {
  name: "merge",
  summary: "write a merge revision of several revisions (or `heads`)",
  usage: "-m <message> <rev> <rev>…",
  options: { message: graphOptions.message, "rev-id": graphOptions["rev-id"] },
  optionHelp: [graphOptionHelp[0]!, graphOptionHelp[4]!],
  async run(values, positionals, { global, out }) {
    if (positionals.length === 0) throw new UsageError("merge needs the revisions to merge, e.g. `retort merge -m \"merge\" heads`.");
    const written = await merge(positionals, { ...projectOptions(global), message: requireMessage(values, "merge"), revId: values["rev-id"] as string | undefined });
    if (out.options.json) out.json(written);
    else out.info(`${out.paint.green("created")} ${relative(global.cwd, written.file)}`);
    return 0;
  },
};
