import { RetortError } from "@retort/core";
import { relative } from "node:path";
import { outputFor } from "./main";

/** A rejection or exception nothing caught, in user code retort loaded or in retort itself. */
export class UnhandledCrashError extends RetortError {
  constructor(kind: "rejection" | "exception", cause: unknown, cwd: string) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const where = firstUserFrame(cause, cwd);
    super(
      "unhandled_error",
      `${kind === "rejection" ? "A promise was rejected and nothing handled it" : "An exception was thrown and nothing caught it"}${where ? ` (${where})` : ""}: ${reason.replace(/\.+$/, "")}. ` +
        "It comes from code retort ran (the config, the DataSource, an entity or a migration file); fix it there, or run again with --verbose for the stack trace.",
      { cause },
    );
    if (cause instanceof Error && cause.stack) this.stack = cause.stack;
  }
}

/** `src/entities/user.ts` from the first stack frame in the project, outside node_modules (lines are of the compiled code, so left out). */
function firstUserFrame(cause: unknown, cwd: string): string | undefined {
  const stack = cause instanceof Error ? (cause.stack ?? "") : "";
  for (const m of stack.matchAll(/\(?((?:file:\/\/)?\/[^():\s]+):\d+:\d+\)?/g)) {
    const file = m[1]!.replace(/^file:\/\//, "");
    if (!file.includes("/node_modules/") && file.startsWith(cwd)) return relative(cwd, file);
  }
  return undefined;
}

/**
 * Any crash is exit 2 with one clear message (README.md, "Exit codes"), never exit 1 (which
 * means "check found differences") and never a silent "all is well" after a failure.
 */
export function installCrashHandlers(argv: readonly string[], cwd: string = process.cwd()): void {
  let reported = false;
  const report = (kind: "rejection" | "exception") => (e: unknown) => {
    if (!reported) outputFor(argv).error(new UnhandledCrashError(kind, e, cwd));
    reported = true;
    process.exit(2);
  };
  // `retort history | head`: the reader left; that is no crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => (e.code === "EPIPE" ? process.exit(process.exitCode ?? 0) : report("exception")(e)));
  }
  process.on("unhandledRejection", report("rejection"));
  process.on("uncaughtException", report("exception"));
}
