import type { ParsedValues } from "./command";
import { UsageError } from "./usage-error";

/** Options of the commands that write a revision: where it goes in the graph. */
export const graphOptions = {
  message: { type: "string", short: "m" },
  head: { type: "string" },
  "branch-label": { type: "string", multiple: true },
  "depends-on": { type: "string", multiple: true },
  "rev-id": { type: "string" },
  splice: { type: "boolean" },
} as const;

export const graphOptionHelp = [
  "  -m, --message <msg>  the revision's message (required)",
  "      --head <rev>     parent revision (default: the single head; `base` starts a new root)",
  "      --branch-label <label>  label the new revision's branch",
  "      --depends-on <rev>  a revision this one depends on (repeatable)",
  "      --rev-id <id>    use this revision id instead of a random one",
  "      --splice         allow a parent that is not a head",
];

export function requireMessage(values: ParsedValues, command: string): string {
  const message = values.message;
  if (typeof message !== "string" || message.trim() === "") throw new UsageError(`${command} needs a message: \`retort ${command} -m "add user table"\`.`);
  return message;
}

export function graphValues(values: ParsedValues) {
  return {
    head: values.head as string | undefined,
    branchLabels: values["branch-label"] as string[] | undefined,
    dependsOn: values["depends-on"] as string[] | undefined,
    revId: values["rev-id"] as string | undefined,
    splice: values.splice === true,
  };
}


/** `check` and `autogen`: compare entities of one engine with a database of another on purpose. */
export const dialectMismatchOption = { "allow-dialect-mismatch": { type: "boolean" } } as const;

export const dialectMismatchHelp = ["      --allow-dialect-mismatch  compare even when the URL's engine is not the DataSource's"];
