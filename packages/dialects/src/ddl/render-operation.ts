import type { DialectName, Operation } from "@retort/core";
import { engineFor } from "../engines/registry";
import type { DdlRenderers, RenderContext } from "./render-context";
import { renderWith } from "./render-with";

export function renderersFor(dialect: DialectName): DdlRenderers {
  return engineFor(dialect).renderers;
}

/** The SQL statements that perform `op` on the context's dialect. */
export function renderOperation(op: Operation, ctx: RenderContext): readonly string[] {
  return renderWith(renderersFor(ctx.dialect), op, ctx);
}
