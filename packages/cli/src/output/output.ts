import { RetortError } from "@retort/core";

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

  /** A result line: suppressed by --quiet, moved to stderr under --json. */
  info(line: string): void {
    if (this.options.quiet) return;
    (this.options.json ? this.stderr : this.stdout).write(`${line}\n`);
  }

  /** A line that is the command's answer (kept under --quiet). */
  result(line: string): void {
    (this.options.json ? this.stderr : this.stdout).write(`${line}\n`);
  }

  detail(line: string): void {
    if (this.options.verbose) this.stderr.write(`${this.paint.dim(line)}\n`);
  }

  warn(line: string): void {
    this.stderr.write(`${this.paint.yellow("warning:")} ${line}\n`);
  }

  json(document: unknown): void {
    this.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }

  /** One clear message on stderr (and the JSON error document on stdout); a stack only with --verbose. */
  error(e: unknown): void {
    const known = e instanceof RetortError;
    const code = known ? e.code : "internal_error";
    const message = known ? e.message : `Unexpected error: ${(e as Error)?.message ?? String(e)}`;
    if (this.options.json) this.stdout.write(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`);
    this.stderr.write(`${this.paint.red("error:")} ${message}\n`);
    if (this.options.verbose && e instanceof Error && e.stack) this.stderr.write(`${this.paint.dim(e.stack)}\n`);
    else if (!known) this.stderr.write("Run again with --verbose for the stack trace, and please report it.\n");
  }
}

/** Colours only on a TTY, and never with NO_COLOR or --no-color. */
export function shouldColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return Boolean(stream.isTTY);
}
