import { isTableOperation, type Operation, type OperationKind, type OperationOf, type TableOperation } from "@retort/core";
import { RewriteError } from "../errors";
import type { ProcessRevisionDirectives, RevisionContext, RevisionDirective } from "./revision-directive";

/** `addColumn` → `add_column`: Alembic users write the snake-case words. */
type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : S;
type SnakeKinds = { [K in OperationKind as Snake<K>]: K };
export type RewriteKind = OperationKind | keyof SnakeKinds;
type KindOf<R extends RewriteKind> = R extends OperationKind ? R : R extends keyof SnakeKinds ? SnakeKinds[R] : never;

/** Returns the replacement: one operation, several, or nothing (`null`/`[]` removes it). */
export type RewriteHook<K extends OperationKind> = (
  ctx: RevisionContext,
  revision: readonly string[],
  op: OperationOf<K>,
) => Operation | readonly Operation[] | null | undefined;

interface Registered {
  readonly kind: OperationKind;
  readonly hook: RewriteHook<OperationKind>;
}

/**
 * Alembic's `Rewriter` (https://alembic.sqlalchemy.org/en/latest/api/autogenerate.html#fine-grained-autogenerate-generation-with-rewriters):
 * hooks keyed by operation kind rewrite the generated upgrade operations, inside
 * batchAlterTable blocks too. Hooks run in registration order; each sees the output of
 * the ones before it, never its own output.
 */
export class Rewriter {
  private readonly hooks: Registered[] = [];

  rewrites<R extends RewriteKind>(kind: R, hook: RewriteHook<KindOf<R>>): this {
    const camel = kind.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as OperationKind;
    this.hooks.push({ kind: camel, hook: hook as unknown as RewriteHook<OperationKind> });
    return this;
  }

  /** A rewriter running this one's hooks, then the other's. */
  chain(other: Rewriter): Rewriter {
    const chained = new Rewriter();
    chained.hooks.push(...this.hooks, ...other.hooks);
    return chained;
  }

  /** The rewritten list; the input is not changed. */
  rewrite(ctx: RevisionContext, revision: readonly string[], ops: readonly Operation[]): Operation[] {
    return this.hooks.reduce<Operation[]>((list, h) => applyHook(h, ctx, revision, list), [...ops]);
  }

  /** Usable as the config's `processRevisionDirectives`; rewrites each directive's upgradeOps. */
  readonly processRevisionDirectives: ProcessRevisionDirectives = (ctx, revision, directives: RevisionDirective[]) => {
    for (const d of directives) d.upgradeOps = this.rewrite(ctx, revision, d.upgradeOps);
  };
}

function applyHook(h: Registered, ctx: RevisionContext, revision: readonly string[], ops: readonly Operation[]): Operation[] {
  return ops.flatMap((op): Operation[] => {
    if (op.kind === "batchAlterTable" && h.kind !== "batchAlterTable") {
      const inner = applyHook(h, ctx, revision, op.operations);
      return [{ ...op, operations: inner.map((o) => asBatchMember(o, op)) }];
    }
    if (op.kind !== h.kind) return [op];
    const result = h.hook(ctx, revision, op);
    return result == null ? [] : Array.isArray(result) ? [...(result as readonly Operation[])] : [result as Operation];
  });
}

function asBatchMember(op: Operation, batch: { schema: string | null; table: string }): TableOperation {
  const sameTable = "table" in op && op.table === batch.table && "schema" in op && op.schema === batch.schema;
  if (!isTableOperation(op) || !sameTable) {
    throw new RewriteError(
      `A rewrite hook returned a ${op.kind} operation inside the batchAlterTable block of "${batch.table}": only changes to that same table can go there. Return such operations from a hook on a plain (non-batch) operation instead.`,
    );
  }
  return op as TableOperation;
}
