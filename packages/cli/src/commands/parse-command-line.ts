import { parseArgs } from "node:util";
import { GLOBAL_OPTIONS, type Command, type OptionSpecs, type ParsedValues } from "./command";
import { closest } from "./suggest";
import { UsageError } from "./usage-error";

export interface ParsedCommandLine {
  readonly values: ParsedValues;
  readonly positionals: string[];
}

/** Where the command name is: the first argument that is neither a flag nor a global flag's value. */
export function commandNameIndex(argv: readonly string[]): number {
  const takesValue = new Set(["-c", "--config", "--url"]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return i + 1 < argv.length ? i + 1 : -1;
    if (takesValue.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith("-")) return i;
  }
  return -1;
}

/** `-1` and `label@-2` are revision targets, not flags: hand them to parseArgs after `--`. */
function withRelativeTargetsAsPositionals(args: readonly string[]): string[] {
  const isTarget = (a: string) => /^-\d+$/.test(a);
  const targets = args.filter(isTarget);
  if (targets.length === 0 || args.includes("--")) return [...args];
  return [...args.filter((a) => !isTarget(a)), "--", ...targets];
}

/** The command's options and the global ones; node's parse errors become one usage message with a suggestion. */
export function parseCommandLine(command: Command, args: readonly string[]): ParsedCommandLine {
  const options: OptionSpecs = { ...GLOBAL_OPTIONS, ...command.options };
  try {
    return parseArgs({ args: withRelativeTargetsAsPositionals(args), options, allowPositionals: true, strict: true }) as ParsedCommandLine;
  } catch (e) {
    throw new UsageError(explain(e as Error & { code?: string }, command, options));
  }
}

function spelled(name: string, spec: OptionSpecs[string]): string {
  return spec.short ? `-${spec.short}/--${name}` : `--${name}`;
}

function explain(e: Error & { code?: string }, command: Command, options: OptionSpecs): string {
  const quoted = /'(-[^']*)'/.exec(e.message)?.[1] ?? "";
  // node quotes the option as '-m, --message <value>', '--url <value>' or '-x'.
  const specOf = (flag: string) => {
    const long = /--([\w-]+)/.exec(flag)?.[1];
    return Object.entries(options).find(([name, spec]) => name === long || (!long && flag === `-${spec.short}`));
  };
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const bare = quoted.replace(/^-+/, "").replace(/=.*$/, "");
      const guess = closest(bare, Object.keys(options));
      return `\`${command.name}\` has no option ${quoted}.${guess ? ` Did you mean ${spelled(guess, options[guess]!)}?` : ""} See \`retort help ${command.name}\`.`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const found = specOf(quoted);
      const name = found ? spelled(found[0], found[1]) : quoted;
      if (found?.[1].type === "string") {
        const example = found[0] === "message" ? ` e.g. ${name.split("/")[0]} "add user"` : ` e.g. ${name.split("/").pop()}=<value>`;
        const dash = /ambiguous/.test(e.message) ? ` (a value starting with "-" is written ${name.split("/").pop()}=-value)` : "";
        return `Option ${name} needs a value,${example}${dash}.`;
      }
      return `Option ${name} takes no value.`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `\`${command.name}\` takes no argument ${/'([^']*)'/.exec(e.message)?.[1] ?? ""}.`.replace(" .", ".");
    default:
      return e.message.replace(/\. To specify a positional.*$/s, ".");
  }
}
