import { RetortError } from "@retort/core";
import { registerTypeScriptHook } from "./typescript-hook";

/** A user file (config, entity, migration) that could not be loaded. */
export class ModuleLoadError extends RetortError {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super("module_load_failed", `Could not load ${file}: ${reason}`, options);
  }
}

/**
 * Requires a user module (TypeScript or JavaScript) by absolute path. Compile and
 * evaluation errors become a ModuleLoadError naming the file and, for syntax errors,
 * the line, never a bare stack trace.
 */
export function loadModule<T = Record<string, unknown>>(absolutePath: string): T {
  registerTypeScriptHook();
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(absolutePath) as T;
  } catch (e) {
    throw new ModuleLoadError(absolutePath, explainLoadFailure(e), { cause: e });
  }
}

function explainLoadFailure(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const message = (err.message ?? String(e)).split("\n").filter((l) => l.trim() !== "");
  if (err.code === "MODULE_NOT_FOUND") {
    return `${message[0]}. Install the missing package or fix the import path.`;
  }
  if (err.code === "GenericFailure" || /Syntax Error|Expected/.test(err.message ?? "")) {
    // swc's message starts with its own framing; keep the lines that point at the source.
    return `it does not compile:\n${message.slice(0, 12).join("\n")}`;
  }
  return message[0] ?? "unknown error";
}
