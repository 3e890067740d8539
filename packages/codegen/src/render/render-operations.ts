import type { BatchAlterTableOp, Operation } from "@retort/core";
import { callsFor, type RenderedCall } from "./call-spec";
import { comment, type Code } from "./code";
import { literal } from "./literal";
import { batchCall, topLevelCall } from "./format-call";

/** Comment lines to write above an operation (warnings, rename hints), by identity. */
export type Annotations = ReadonlyMap<Operation, readonly string[]>;

export interface RenderedBody {
  readonly code: Code[];
  /** Operations the op API cannot express (written as comments instead). */
  readonly unrenderable: string[];
}

/** The body of `upgrade`/`downgrade`: one statement (or batch block) per operation. */
export function renderOperations(ops: readonly Operation[], annotations: Annotations = new Map()): RenderedBody {
  const unrenderable: string[] = [];
  const code = ops.flatMap((op) => {
    const notes = comment(annotations.get(op) ?? []);
    if (op.kind === "batchAlterTable") return [...notes, ...renderBatch(op, annotations, unrenderable)];
    return [...notes, ...callsFor(op).map((c) => statement(c, topLevelCall, unrenderable))];
  });
  return { code, unrenderable };
}

function statement(c: RenderedCall, format: typeof topLevelCall, unrenderable: string[]): string {
  if ("unrenderable" in c) {
    unrenderable.push(c.unrenderable);
    return `// WARNING: not generated: ${c.unrenderable}.`;
  }
  return format(c);
}

function renderBatch(op: BatchAlterTableOp, annotations: Annotations, unrenderable: string[]): Code[] {
  const inner = op.operations.filter((o) => o.kind !== "alterTableComment");
  // batch.* has no table comment; SQLite has none either, elsewhere it is a plain ALTER.
  const after = op.operations.filter((o) => o.kind === "alterTableComment");
  const body = inner.flatMap((o) => [
    ...comment(annotations.get(o) ?? []),
    ...callsFor(o).map((c) => statement(c, batchCall, unrenderable)),
  ]);
  const options = { recreate: op.recreate === "auto" ? undefined : op.recreate, schema: op.schema ?? undefined };
  const hasOptions = Object.values(options).some((v) => v !== undefined);
  const block: Code = {
    head: `await op.batchAlterTable(${literal(op.table)}, (batch) => `,
    body,
    tail: hasOptions ? `, ${literal(options)});` : ");",
  };
  return [block, ...after.flatMap((o) => renderOperations([o], annotations).code)];
}
