import { autogenCommand } from "./autogen";
import { baselineCommand } from "./baseline";
import { checkCommand } from "./check";
import type { Command } from "./command";
import { currentCommand } from "./current";
import { branchesCommand, headsCommand } from "./heads";
import { historyCommand } from "./history";
import { initCommand } from "./init";
import { downgradeCommand, upgradeCommand } from "./migrate";
import { mergeCommand, revisionCommand } from "./revision";
import { showCommand } from "./show";
import { stampCommand } from "./stamp";

/** Every command, in the order `retort --help` lists them. */
export const COMMANDS: readonly Command[] = [
  initCommand,
  autogenCommand,
  revisionCommand,
  checkCommand,
  upgradeCommand,
  downgradeCommand,
  currentCommand,
  historyCommand,
  showCommand,
  headsCommand,
  branchesCommand,
  mergeCommand,
  stampCommand,
  baselineCommand,
];

export function commandByName(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
