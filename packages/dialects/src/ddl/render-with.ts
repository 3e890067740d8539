import type { Operation, OperationKind, OperationOf } from "@retort/core";
import type { DdlRenderers, RenderContext } from "./render-context";

/** Looks up the renderer for an operation's kind (the record type makes it exhaustive). */
export function renderWith(renderers: DdlRenderers, op: Operation, ctx: RenderContext): readonly string[] {
  const render = renderers[op.kind] as (op: OperationOf<OperationKind>, ctx: RenderContext) => readonly string[];
  return render(op, ctx);
}
