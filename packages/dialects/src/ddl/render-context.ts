import type { DialectName, OperationKind, OperationOf } from "@retort/core";

/** What a renderer may know about the server beyond its dialect. */
export interface RenderContext {
  readonly dialect: DialectName;
  /** `SELECT VERSION()` text when connected; `null` offline (renderers then pick the portable choice). */
  readonly serverVersion: string | null;
}

/**
 * One renderer per operation kind: a record, so a kind without a renderer is a compile
 * error. Each returns the SQL statements (without trailing `;`) that perform the op.
 */
export type DdlRenderers = {
  readonly [K in OperationKind]: (op: OperationOf<K>, ctx: RenderContext) => readonly string[];
};
