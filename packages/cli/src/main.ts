import { parseArgs } from "node:util";
import { commandByName, COMMANDS } from "./commands/registry";
import { GLOBAL_OPTIONS, type Command, type ParsedValues } from "./commands/command";
import { UsageError } from "./commands/usage-error";
import { Output, shouldColor } from "./output/output";
import { VERSION } from "./version";

function helpText(command?: Command): string {
  const global = [
    "  -c, --config <file>  config file (default: nearest retort.config.*)",
    "      --url <url>      database URL (overrides DATABASE_URL and the config)",
    "      --json           print one JSON document on stdout",
    "      --no-color       no colours (also NO_COLOR)",
    "  -q, --quiet          only the essential output",
    "  -v, --verbose        more detail, and stack traces on errors",
  ];
  if (command) {
    return [`Usage: retort ${command.name} ${command.usage}`.trimEnd(), "", command.summary, "", "Options:", ...(command.optionHelp ?? []), ...global].join("\n");
  }
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: retort <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Global options:",
    ...global,
    "      --version        print the version",
    "",
    "Exit codes: 0 success, 1 check found differences, 2 error.",
  ].join("\n");
}

/** `-1` and `label@-2` are revision targets, not flags: hand them to parseArgs after `--`. */
function withRelativeTargetsAsPositionals(args: readonly string[]): string[] {
  const isTarget = (a: string) => /^-\d+$/.test(a);
  const targets = args.filter(isTarget);
  if (targets.length === 0 || args.includes("--")) return [...args];
  return [...args.filter((a) => !isTarget(a)), "--", ...targets];
}

/** The `retort` binary: returns the exit code instead of exiting, so it can be tested. */
export async function main(argv: readonly string[], cwd: string = process.cwd()): Promise<number> {
  const wantsJson = argv.includes("--json");
  const earlyOut = new Output({ json: wantsJson, color: shouldColor(!argv.includes("--no-color"), process.stderr), quiet: false, verbose: argv.includes("--verbose") || argv.includes("-v") });
  const name = argv.find((a) => !a.startsWith("-"));
  if (argv.includes("--version") && !name) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!name) {
    process.stdout.write(`${helpText()}\n`);
    return argv.includes("--help") || argv.includes("-h") || argv.length === 0 ? 0 : 2;
  }
  try {
    const command = commandByName(name);
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    const rest = withRelativeTargetsAsPositionals(argv.filter((a, i) => i !== argv.indexOf(name)));
    let parsed: { values: ParsedValues; positionals: string[] };
    try {
      parsed = parseArgs({ args: [...rest], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true }) as typeof parsed;
    } catch (e) {
      throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional.*$/s, ".")}`);
    }
    const v = parsed.values;
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
    const global = { cwd, config: v.config as string | undefined, url: v.url as string | undefined };
    try {
      return await command.run(v, parsed.positionals, { global, out });
    } catch (e) {
      out.error(e);
      return 2;
    }
  } catch (e) {
    earlyOut.error(e);
    return 2;
  }
}
