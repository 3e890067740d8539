import type { BatchAlterTableOp, Operation } from "@retort/core";
import { callsFor, type RenderedCall } from "./call-spec";
import { batchCall, topLevelCall } from "./format-call";
import type { Call, Statement } from "./statement";

/** Comment lines to write above an operation (warnings, rename hints), by identity. */
export type Annotations = ReadonlyMap<Operation, readonly string[]>;

export interface RenderedBody {
  readonly statements: Statement[];
  /** Operations the op API cannot express (written as comments instead). */
  readonly unrenderable: string[];
}

/** The body of `upgrade`/`downgrade`: one statement (or batch block) per operation. */
export function renderOperations(ops: readonly Operation[], annotations: Annotations = new Map()): RenderedBody {
  const unrenderable: string[] = [];
  const statements = ops.flatMap((op) => {
    const notes = annotations.get(op) ?? [];
    const body = op.kind === "batchAlterTable" ? renderBatch(op, annotations, unrenderable) : plainStatements(op, topLevelCall, unrenderable, false);
    return withComments(notes, body);
  });
  return { statements, unrenderable };
}

function withComments(notes: readonly string[], statements: Statement[]): Statement[] {
  if (notes.length === 0) return statements;
  const [first, ...rest] = statements;
  return first ? [{ ...first, comments: [...notes, ...first.comments] }, ...rest] : [{ comments: notes, call: null }];
}

function plainStatements(
  op: Exclude<Operation, BatchAlterTableOp>,
  format: (c: Extract<RenderedCall, { method: string }>) => Call,
  unrenderable: string[],
  inBatch: boolean,
): Statement[] {
  return callsFor(op).map((c): Statement => {
    const reason = "unrenderable" in c ? c.unrenderable : !inBatch && c.batchOnly !== undefined ? c.batchOnly : null;
    if (reason !== null || "unrenderable" in c) {
      unrenderable.push(reason!);
      return { comments: [`WARNING: not generated: ${reason}.`], call: null };
    }
    return { comments: [], call: format(c) };
  });
}

function renderBatch(op: BatchAlterTableOp, annotations: Annotations, unrenderable: string[]): Statement[] {
  const inner = op.operations.filter((o) => o.kind !== "alterTableComment");
  // batch.* has no table comment; SQLite has none either, elsewhere it is a plain ALTER.
  const after = op.operations.filter((o) => o.kind === "alterTableComment");
  const body = inner.flatMap((o) => withComments(annotations.get(o) ?? [], plainStatements(o, batchCall, unrenderable, true)));
  const options = { recreate: op.recreate === "auto" ? undefined : op.recreate, schema: op.schema ?? undefined };
  const hasOptions = Object.values(options).some((v) => v !== undefined);
  const batch: Statement = {
    comments: [],
    call: {
      await: true,
      callee: "op.batchAlterTable",
      args: [{ value: op.table }, { arrow: { param: "batch", body } }, ...(hasOptions ? [{ value: options }] : [])],
    },
  };
  return [batch, ...after.flatMap((o) => renderOperations([o], annotations).statements)];
}
