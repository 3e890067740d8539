import { RetortError } from "@retort/core";
import { relative } from "node:path";
import { outputFor } from "./main";
import { asSystemError } from "./output/system-errors";

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
    if (!file.includes("/node_modules/") && cwd !== "" && file.startsWith(cwd)) return relative(cwd, file);
  }
  return undefined;
}

/** The current folder, or "" when it was deleted under us. */
function currentFolder(): string {
  try {
    return process.cwd();
  } catch {
    return "";
  }
}

/**
 * Any crash is exit 2 with one clear message (README.md, "Exit codes"), never exit 1 (which
 * means "check found differences") and never a silent "all is well" after a failure.
 */
export function installCrashHandlers(argv: readonly string[]): void {
  let reported = false;
  const report = (kind: "rejection" | "exception") => (e: unknown) => {
    // Another part of retort listening too (e.g. the runner while a revision runs) takes charge.
    if (process.listenerCount(kind === "rejection" ? "unhandledRejection" : "uncaughtException") > 1) return;
    if (!reported) outputFor(argv).error(asSystemError(e) ?? new UnhandledCrashError(kind, e, currentFolder()));
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
