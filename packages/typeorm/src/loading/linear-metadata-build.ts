import { join } from "node:path";

type Predicate = (a: unknown, b: unknown) => boolean;
interface MetadataUtils {
  isInherited: Predicate;
}
interface EntityMetadataLike {
  readonly target?: unknown;
  readonly targetName?: unknown;
  readonly givenTableName?: unknown;
  readonly relations: readonly { readonly type: unknown }[];
}
type ComputeInverse = (this: unknown, entityMetadata: EntityMetadataLike, entityMetadatas: readonly EntityMetadataLike[]) => unknown;
interface BuilderPrototype {
  computeInverseProperties: ComputeInverse;
}

/**
 * Runs `build` with two of TypeORM's metadata-builder steps that are quadratic in the
 * number of entities answered in linear time, with the same results (0.3 and 1.x share
 * both; docs/architecture.md, "Entities are built without connecting"):
 *
 * - `EntityMetadataBuilder.build` asks `MetadataUtils.isInherited(child, parent)` for
 *   every pair of entities (`child.prototype instanceof parent`). The answer is false
 *   without the `instanceof` when `parent.prototype` is on no prototype chain of the
 *   registered entity classes (`registeredTargets`) and of the classes asked about, `child` included.
 * - `computeInverseProperties` finds each relation's entity with `entityMetadatas.find`.
 *   It gets, instead of every metadata, the first match of each of its relations (found
 *   through an index), in their order: `find` then returns the same first match.
 */
export async function withLinearMetadataBuild<T>(typeormRoot: string, registeredTargets: readonly unknown[], build: () => Promise<T>): Promise<T> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { MetadataUtils } = require(join(typeormRoot, "metadata-builder", "MetadataUtils.js")) as { MetadataUtils: MetadataUtils };
  const builder = (require(join(typeormRoot, "metadata-builder", "EntityMetadataBuilder.js")) as { EntityMetadataBuilder: { prototype: BuilderPrototype } }).EntityMetadataBuilder.prototype;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const isInherited = MetadataUtils.isInherited;
  const computeInverseProperties = builder.computeInverseProperties;
  if (typeof isInherited !== "function" || typeof computeInverseProperties !== "function") return await build();
  MetadataUtils.isInherited = fastIsInherited(isInherited, registeredTargets);
  builder.computeInverseProperties = indexedInverseProperties(computeInverseProperties);
  try {
    return await build();
  } finally {
    MetadataUtils.isInherited = isInherited;
    builder.computeInverseProperties = computeInverseProperties;
  }
}

const defaultHasInstance = Function.prototype[Symbol.hasInstance];

function fastIsInherited(original: Predicate, registered: readonly unknown[]): Predicate {
  const known = new Set<unknown>();
  /** Every object on the prototype chain of a known class's prototype (the prototype itself excluded). */
  const ancestors = new Set<unknown>();
  const learn = (child: unknown): boolean => {
    const own: unknown = typeof child === "function" ? child.prototype : undefined;
    if (typeof own !== "object" || own === null) return false;
    for (let p = Object.getPrototypeOf(own); p !== null; p = Object.getPrototypeOf(p)) ancestors.add(p);
    known.add(child);
    return true;
  };
  for (const target of registered) learn(target);
  let lastParent: unknown;
  let heirless = false;
  return (child, parent) => {
    if (parent !== lastParent) {
      lastParent = parent;
      const prototype: unknown = typeof parent === "function" ? parent.prototype : undefined;
      // A class with its own Symbol.hasInstance, or no object prototype (instanceof throws), goes to TypeORM's check.
      heirless = typeof parent === "function" && parent[Symbol.hasInstance] === defaultHasInstance && typeof prototype === "object" && prototype !== null && !ancestors.has(prototype);
    }
    if (heirless && (known.has(child) || learn(child))) {
      // `learn` may have added the parent's prototype: look again.
      if (!ancestors.has((parent as { prototype: unknown }).prototype)) return false;
      heirless = false;
    }
    return original(child, parent);
  };
}

/** Positions of the first metadata with each target, targetName and givenTableName, kept up to date as the array grows. */
class FirstMatchIndex {
  private readonly byTarget = new Map<unknown, number>();
  private readonly byTargetName = new Map<unknown, number>();
  private readonly byTableName = new Map<unknown, number>();
  private indexed = 0;

  constructor(private readonly metadatas: readonly EntityMetadataLike[]) {}

  /** `entityMetadatas.find((m) => m.target === type || (typeof type === "string" && (m.targetName === type || m.givenTableName === type)))`, as a position. */
  first(type: unknown): number | undefined {
    this.catchUp();
    const candidates = [this.byTarget.get(type)];
    if (typeof type === "string") candidates.push(this.byTargetName.get(type), this.byTableName.get(type));
    const found = candidates.filter((i): i is number => i !== undefined);
    const at = found.length === 0 ? undefined : Math.min(...found);
    // The builder only appends to the array (junction tables); should an entry have moved, index it again.
    if (at !== undefined && !matches(this.metadatas[at], type)) {
      this.reset();
      return this.first(type);
    }
    return at;
  }

  private reset(): void {
    this.byTarget.clear();
    this.byTargetName.clear();
    this.byTableName.clear();
    this.indexed = 0;
  }

  private catchUp(): void {
    for (; this.indexed < this.metadatas.length; this.indexed++) {
      const m = this.metadatas[this.indexed]!;
      if (!this.byTarget.has(m.target)) this.byTarget.set(m.target, this.indexed);
      if (!this.byTargetName.has(m.targetName)) this.byTargetName.set(m.targetName, this.indexed);
      if (!this.byTableName.has(m.givenTableName)) this.byTableName.set(m.givenTableName, this.indexed);
    }
  }
}

function matches(m: EntityMetadataLike | undefined, type: unknown): boolean {
  return m !== undefined && (m.target === type || (typeof type === "string" && (m.targetName === type || m.givenTableName === type)));
}

function indexedInverseProperties(original: ComputeInverse): ComputeInverse {
  const indexes = new WeakMap<readonly EntityMetadataLike[], FirstMatchIndex>();
  return function (this: unknown, entityMetadata, entityMetadatas) {
    let index = indexes.get(entityMetadatas);
    if (!index) indexes.set(entityMetadatas, (index = new FirstMatchIndex(entityMetadatas)));
    const positions = new Set<number>();
    for (const relation of entityMetadata.relations) {
      const at = index.first(relation.type);
      if (at !== undefined) positions.add(at);
    }
    const firstMatches = [...positions].sort((a, b) => a - b).map((i) => entityMetadatas[i]!);
    return original.call(this, entityMetadata, firstMatches);
  };
}
