import { RetortError } from "@retort/core";

export class ConfigNotFoundError extends RetortError {
  constructor(readonly searchedFrom: string, readonly explicit?: string) {
    super(
      "config_not_found",
      explicit
        ? `Config file ${explicit} does not exist. Check the --config path.`
        : `No retort.config.ts (or .js, .mjs, .cjs, .json) in ${searchedFrom} or any parent folder. Run \`retort init\` to create one, or pass --config <file>.`,
    );
  }
}

export class InvalidConfigError extends RetortError {
  constructor(readonly file: string, problem: string) {
    super("config_invalid", `Invalid config ${file}: ${problem}`);
  }
}
