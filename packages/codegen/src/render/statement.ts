import { comment, type Code } from "./code";
import { literal } from "./literal";

/**
 * The body of upgrade/downgrade as a tiny syntax tree: calls whose arguments are plain
 * values or one arrow function (a batch block). Two printers read it: the ts-morph
 * writer (then prettier), and the prettier-equivalent fast printer.
 */
export type Argument = { readonly value: unknown } | { readonly arrow: ArrowFunction };

export interface ArrowFunction {
  readonly param: string;
  readonly body: readonly Statement[];
}

export interface Call {
  readonly await: boolean;
  /** `op.addColumn`, `batch.dropColumn`. */
  readonly callee: string;
  readonly args: readonly Argument[];
}

export interface Statement {
  /** Line comments written above the call (without `//`). */
  readonly comments: readonly string[];
  /** `null` for a comment on its own. */
  readonly call: Call | null;
}

/** `_op` in an empty body, so projects with `noUnusedParameters` still compile the file. */
export function opParameter(body: readonly Statement[]): string {
  return body.some((s) => s.call !== null) ? "op" : "_op";
}

/** One line per comment, never breaking the `//` comment onto a second line. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ").trimEnd();
}

/** The statements as lines and blocks for the ts-morph writer. */
export function statementsToCode(statements: readonly Statement[]): Code[] {
  return statements.flatMap((s) => [...comment(s.comments.map(commentText)), ...(s.call ? [callToCode(s.call)] : [])]);
}

function callToCode(call: Call): Code {
  const head = `${call.await ? "await " : ""}${call.callee}(`;
  const where = `${call.callee}()`;
  const arrowAt = call.args.findIndex((a) => "arrow" in a);
  const text = (args: readonly Argument[]) => args.map((a) => ("value" in a ? literal(a.value, where, 4) : "")).join(", ");
  if (arrowAt < 0) return `${head}${text(call.args)});`;
  const arrow = (call.args[arrowAt] as { arrow: ArrowFunction }).arrow;
  const before = text(call.args.slice(0, arrowAt));
  const after = text(call.args.slice(arrowAt + 1));
  return {
    head: `${head}${before ? `${before}, ` : ""}(${arrow.param}) => `,
    body: statementsToCode(arrow.body),
    tail: after ? `, ${after});` : ");",
  };
}
