import { RetortError } from "@retort/core";

/** Bad command-line usage: exit 2 with a hint. */
export class UsageError extends RetortError {
  constructor(message: string) {
    super("usage", /`retort help/.test(message) ? message : `${message} Run \`retort --help\` for usage.`);
  }
}
