import { commandByName, COMMANDS } from "./commands/registry";
import { type Command } from "./commands/command";
import { commandNameIndex, parseCommandLine } from "./commands/parse-command-line";
import { closest } from "./commands/suggest";
import { UsageError } from "./commands/usage-error";
import { Output, shouldColor } from "./output/output";
import { VERSION } from "./version";

const GLOBAL_HELP = [
  "  -c, --config <file>  config file (default: nearest retort.config.*)",
  "      --url <url>      database URL (overrides DATABASE_URL and the config)",
  "      --json           print one JSON document on stdout",
  "      --no-color       no colours (also NO_COLOR)",
  "  -q, --quiet          only the essential output",
  "  -v, --verbose        more detail, and stack traces on errors",
];

function helpText(command?: Command): string {
  if (command) {
    return [`Usage: retort ${command.name} ${command.usage}`.trimEnd(), "", command.summary, "", "Options:", ...(command.optionHelp ?? []), ...GLOBAL_HELP].join("\n");
  }
  const width = Math.max(...COMMANDS.map((c) => c.name.length), "help".length);
  return [
    "Usage: retort <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${"help".padEnd(width)}  help on one command: retort help <command>`,
    "",
    "Global options:",
    ...GLOBAL_HELP,
    "      --version        print the version",
    "",
    "Exit codes: 0 success, 1 check found differences, 2 error.",
  ].join("\n");
}

/** A command by name, or a usage error that suggests the nearest one. */
function findCommand(name: string): Command {
  const command = commandByName(name);
  if (command) return command;
  const guess = closest(name, [...COMMANDS.map((c) => c.name), "help"]);
  throw new UsageError(`Unknown command "${name}".${guess ? ` Did you mean \`retort ${guess}\`?` : ""}`);
}

/** The options a user gave, read before parsing (so that a parse error prints as they asked). */
export function outputFor(argv: readonly string[]): Output {
  const flagged = (...names: string[]) => argv.some((a) => names.includes(a));
  return new Output({
    json: flagged("--json"),
    color: shouldColor(flagged("--no-color") ? false : undefined, process.stderr),
    quiet: flagged("--quiet", "-q"),
    verbose: flagged("--verbose", "-v"),
  });
}

/** The `retort` binary: returns the exit code instead of exiting, so it can be tested. */
export async function main(argv: readonly string[], cwd?: string): Promise<number> {
  const earlyOut = outputFor(argv);
  const at = commandNameIndex(argv);
  const name = at >= 0 ? argv[at]! : undefined;
  if (argv.includes("--version") && !name) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    if (!name) {
      if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
        process.stdout.write(`${helpText()}\n`);
        return 0;
      }
      throw new UsageError("No command given.");
    }
    const rest = argv.filter((_, i) => i !== at);
    if (name === "help") {
      const topic = rest.find((a) => !a.startsWith("-"));
      process.stdout.write(`${helpText(topic ? findCommand(topic) : undefined)}\n`);
      return 0;
    }
    const command = findCommand(name);
    const { values: v, positionals } = parseCommandLine(command, rest);
    if (v.help) {
      process.stdout.write(`${helpText(command)}\n`);
      return 0;
    }
    const out = new Output({
      json: v.json === true,
      color: shouldColor(v["no-color"] === true ? false : undefined),
      quiet: v.quiet === true,
      verbose: v.verbose === true,
    });
    const warned = new Set<string>();
    const onWarning = (m: string) => void (warned.has(m) || (warned.add(m), out.warn(m)));
    const global = { cwd: cwd ?? process.cwd(), config: v.config as string | undefined, url: v.url as string | undefined, onWarning };
    try {
      return await command.run(v, positionals, { global, out });
    } catch (e) {
      out.error(e);
      return 2;
    }
  } catch (e) {
    earlyOut.error(e);
    return 2;
  }
}
