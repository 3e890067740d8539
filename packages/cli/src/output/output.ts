import { RetortError } from "@retort/core";
import { redactSecrets } from "@retort/dialects";
import { printable } from "./printable";
import { asSystemError } from "./system-errors";

export interface OutputOptions {
  readonly json: boolean;
  readonly color: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

type Paint = (text: string) => string;

const ansi = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;

/**
 * Where commands print. Human text goes to stdout (progress, results) and stderr
 * (warnings, errors); with --json, stdout holds exactly one JSON document and
 * everything else goes to stderr.
 */
export class Output {
  readonly paint: { readonly green: Paint; readonly red: Paint; readonly yellow: Paint; readonly dim: Paint; readonly bold: Paint };

  constructor(
    readonly options: OutputOptions,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {
    const on = options.color;
    const id: Paint = (t) => t;
    this.paint = {
      green: on ? ansi(32, 39) : id,
      red: on ? ansi(31, 39) : id,
      yellow: on ? ansi(33, 39) : id,
      dim: on ? ansi(2, 22) : id,
      bold: on ? ansi(1, 22) : id,
    };
  }

  /** Every human line goes out through here: no secret, no raw control character (README.md, "Exit codes"). */
  private write(stream: NodeJS.WritableStream, text: string): void {
    stream.write(printable(redactSecrets(text), this.options.color));
  }

  /** A result line: suppressed by --quiet, moved to stderr under --json. */
  info(line: string): void {
    if (this.options.quiet) return;
    this.write(this.options.json ? this.stderr : this.stdout, `${line}\n`);
  }

  /** A line that is the command's answer (kept under --quiet). */
  result(line: string): void {
    this.write(this.options.json ? this.stderr : this.stdout, `${line}\n`);
  }

  /** Progress while work runs (`Running upgrade …`), on stdout; nothing under -q or --json. */
  progress(line: string): void {
    if (this.options.quiet || this.options.json) return;
    this.write(this.stdout, `${line}\n`);
  }

  detail(line: string): void {
    if (this.options.verbose) this.write(this.stderr, `${this.paint.dim(line)}\n`);
  }

  warn(line: string): void {
    this.write(this.stderr, `${this.paint.yellow("warning:")} ${line}\n`);
  }

  /** JSON escapes control characters itself; secrets are still redacted. */
  json(document: unknown): void {
    this.stdout.write(`${redactSecrets(JSON.stringify(document, null, 2))}\n`);
  }

  /** One clear message on stderr (and the JSON error document on stdout); a stack only with --verbose. */
  error(thrown: unknown): void {
    const e = asSystemError(thrown) ?? thrown;
    const known = e instanceof RetortError;
    const code = known ? e.code : "internal_error";
    const message = known ? e.message : `Unexpected error: ${(e as Error)?.message ?? String(e)}`;
    if (this.options.json) this.json({ error: { code, message } });
    this.write(this.stderr, `${this.paint.red("error:")} ${message}\n`);
    if (this.options.verbose && e instanceof Error && e.stack) this.write(this.stderr, `${this.paint.dim(e.stack)}\n`);
    else if (!known) this.write(this.stderr, "Run again with --verbose for the stack trace, and please report it.\n");
  }
}

/** Colours only on a TTY, and never with NO_COLOR or --no-color. */
export function shouldColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return Boolean(stream.isTTY);
}
