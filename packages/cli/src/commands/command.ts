import type { Output } from "../output/output";

/**
 * One option as node:util's parseArgs takes it. Spelled out rather than taken from
 * `ParseArgsConfig`: these types are published with @retort/cli (the config file imports
 * it), and `ParseArgsConfig` is missing from the @types/node 16 that `typeorm init`
 * projects have, which check library types (no skipLibCheck).
 */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  default?: string | boolean | string[] | boolean[];
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Options every command takes (README.md, "Commands"). */
export const GLOBAL_OPTIONS = {
  config: { type: "string", short: "c" },
  url: { type: "string" },
  json: { type: "boolean" },
  "no-color": { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpecs;

export interface GlobalOptions {
  readonly cwd: string;
  readonly config?: string;
  readonly url?: string;
  /** Where warnings found while loading the project go (stderr). */
  readonly onWarning?: (message: string) => void;
}

export interface CommandContext {
  readonly global: GlobalOptions;
  readonly out: Output;
}

export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Arguments after the command name, e.g. `[target]`. */
  readonly usage: string;
  readonly options: OptionSpecs;
  /** One line per option, for --help. */
  readonly optionHelp?: readonly string[];
  /** Returns the exit code. */
  run(values: ParsedValues, positionals: readonly string[], ctx: CommandContext): Promise<number>;
}
