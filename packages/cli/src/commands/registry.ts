import type { Command } from "./command";
import { checkCommand } from "./check";
import { initCommand } from "./init";

/** Every command, in the order `retort --help` lists them. */
export const COMMANDS: readonly Command[] = [initCommand, checkCommand];

export function commandByName(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
