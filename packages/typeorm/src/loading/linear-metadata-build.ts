import { join } from "node:path";
import { linearOverallOrder, type DepGraphLike } from "./linear-dependency-order";

type Predicate = (a: unknown, b: unknown) => boolean;
interface MetadataUtils {
  isInherited: Predicate;
}
interface EntityMetadataLike {
  readonly target?: unknown;
  readonly targetName?: unknown;
  readonly givenTableName?: unknown;
  readonly tableType?: unknown;
  readonly relations: readonly { readonly type: unknown }[];
}
type Metadatas = readonly EntityMetadataLike[];
type ComputeInverse = (this: unknown, entityMetadata: EntityMetadataLike, entityMetadatas: Metadatas) => unknown;
type ComputeWithAll = (this: unknown, allEntityMetadatas: Metadatas, entityMetadata: EntityMetadataLike) => unknown;
interface BuilderPrototype {
  computeInverseProperties: ComputeInverse;
  computeParentEntityMetadata: ComputeWithAll;
  computeEntityMetadataStep1: ComputeWithAll;
}
type OverallOrder = (this: DepGraphLike, leavesOnly?: boolean) => string[];

/**
 * Runs `build` with the steps of TypeORM's metadata build that are quadratic in the
 * number of entities answered in linear time, with the same results (0.3 and 1.x share
 * them; docs/architecture.md, "Entities are built without connecting"):
 *
 * - `EntityMetadataBuilder.build` sets each metadata's `childEntityMetadatas` by asking
 *   `MetadataUtils.isInherited(child, parent)` for every pair (`child.prototype instanceof
 *   parent`). The answer is false without the `instanceof` when `parent.prototype` is on
 *   no prototype chain of the registered entity classes and of the classes asked about;
 *   and for such a parent the whole filter is answered at once (an empty list), see
 *   `childFilter`.
 * - `computeInverseProperties` finds each relation's entity with `entityMetadatas.find`.
 *   It gets, instead of every metadata, the first match of each of its relations (found
 *   through an index), in their order: `find` then returns the same first match.
 * - `computeEntityMetadataStep1` looks, for each column, for a single-table-inheritance
 *   child among all metadatas: it gets only those children, in their order.
 * - The validator's cycle check (`DepGraph.overallOrder`) scans arrays in its walk:
 *   `linearOverallOrder` walks the same way with sets.
 */
export async function withLinearMetadataBuild<T>(typeormRoot: string, registeredTargets: readonly unknown[], build: () => Promise<T>): Promise<T> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { MetadataUtils } = require(join(typeormRoot, "metadata-builder", "MetadataUtils.js")) as { MetadataUtils: MetadataUtils };
  const builder = (require(join(typeormRoot, "metadata-builder", "EntityMetadataBuilder.js")) as { EntityMetadataBuilder: { prototype: BuilderPrototype } }).EntityMetadataBuilder.prototype;
  const depGraph = (require(join(typeormRoot, "util", "DepGraph.js")) as { DepGraph?: { prototype: { overallOrder?: OverallOrder } } }).DepGraph?.prototype;
  const { TypeORMError } = require(join(typeormRoot, "error", "TypeORMError.js")) as { TypeORMError?: new (message: string) => Error };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const saved = {
    isInherited: MetadataUtils.isInherited,
    computeInverseProperties: builder.computeInverseProperties,
    computeParentEntityMetadata: builder.computeParentEntityMetadata,
    computeEntityMetadataStep1: builder.computeEntityMetadataStep1,
    overallOrder: depGraph?.overallOrder,
  };
  if (typeof saved.isInherited !== "function" || typeof saved.computeInverseProperties !== "function") return await build();
  const inheritance = new InheritanceIndex(saved.isInherited, registeredTargets);
  const patchedArrays: Metadatas[] = [];
  MetadataUtils.isInherited = (child, parent) => inheritance.isInherited(child, parent);
  builder.computeInverseProperties = indexedInverseProperties(saved.computeInverseProperties);
  if (typeof saved.computeParentEntityMetadata === "function") {
    builder.computeParentEntityMetadata = withChildFilter(saved.computeParentEntityMetadata, inheritance, patchedArrays);
  }
  if (usesAllOnlyForSingleTableChildren(saved.computeEntityMetadataStep1)) {
    builder.computeEntityMetadataStep1 = withSingleTableChildrenOnly(saved.computeEntityMetadataStep1);
  }
  if (depGraph && typeof saved.overallOrder === "function" && typeof TypeORMError === "function") depGraph.overallOrder = linearOverallOrder(TypeORMError);
  try {
    return await build();
  } finally {
    MetadataUtils.isInherited = saved.isInherited;
    builder.computeInverseProperties = saved.computeInverseProperties;
    builder.computeParentEntityMetadata = saved.computeParentEntityMetadata;
    builder.computeEntityMetadataStep1 = saved.computeEntityMetadataStep1;
    if (depGraph) depGraph.overallOrder = saved.overallOrder;
    for (const array of patchedArrays) delete (array as { filter?: unknown }).filter;
  }
}

const defaultHasInstance = Function.prototype[Symbol.hasInstance];

/** A class no registered class can be a child of: asked as the child, it records who the parent is. */
class ProbeChild {}

/** `MetadataUtils.isInherited`, answered without `instanceof` for classes no known class extends. */
class InheritanceIndex {
  private readonly known = new Set<unknown>();
  /** Every object on the prototype chain of a known class's prototype (the prototype itself excluded). */
  private readonly ancestors = new Set<unknown>();
  private lastParent: unknown;
  private lastHeirless = false;
  /** The parent of the last `isInherited(ProbeChild, parent)`. */
  probedParent: unknown;

  constructor(
    private readonly original: Predicate,
    registered: readonly unknown[],
  ) {
    for (const target of registered) this.learn(target);
  }

  isInherited(child: unknown, parent: unknown): boolean {
    if (child === ProbeChild) {
      this.probedParent = parent;
      return false;
    }
    if (this.heirless(parent) && (this.known.has(child) || this.learn(child))) {
      // `learn` may have added the parent's prototype: look again.
      if (!this.ancestors.has((parent as { prototype: unknown }).prototype)) return false;
    }
    return this.original(child, parent);
  }

  /** Is no known class (those learnt so far) a child of `parent`? Only for a plain class with an object prototype. */
  heirless(parent: unknown): boolean {
    if (parent !== this.lastParent) {
      this.lastParent = parent;
      const prototype: unknown = typeof parent === "function" ? parent.prototype : undefined;
      // A class with its own Symbol.hasInstance, or no object prototype (instanceof throws), goes to TypeORM's check.
      this.lastHeirless = typeof parent === "function" && parent[Symbol.hasInstance] === defaultHasInstance && typeof prototype === "object" && prototype !== null && !this.ancestors.has(prototype);
    }
    return this.lastHeirless;
  }

  /** Learns every class of `targets`; false if one of them cannot be learnt (no object prototype). */
  learnAll(targets: readonly unknown[]): boolean {
    let all = true;
    for (const t of targets) if (!this.known.has(t) && !this.learn(t)) all = false;
    return all;
  }

  private learn(child: unknown): boolean {
    const own: unknown = typeof child === "function" ? child.prototype : undefined;
    if (typeof own !== "object" || own === null) return false;
    for (let p = Object.getPrototypeOf(own); p !== null; p = Object.getPrototypeOf(p)) this.ancestors.add(p);
    this.known.add(child);
    this.lastParent = undefined; // the remembered answer may no longer hold
    return true;
  }
}

/**
 * `build` calls `computeParentEntityMetadata(entityMetadatas, each)` just before it sets
 * every `childEntityMetadatas` with `entityMetadatas.filter((child) => … isInherited(child.target,
 * metadata.target))`, n calls of the predicate for each of n metadatas. The array gets
 * its own `filter` for the build (removed afterwards): a predicate that calls
 * `isInherited` with a probe class as the child names its parent; when that parent is
 * heirless among the array's classes, no element passes and the answer is `[]` at once.
 * Any other predicate, or a parent with heirs, gets Array's own filter.
 */
function withChildFilter(original: ComputeWithAll, inheritance: InheritanceIndex, patched: Metadatas[]): ComputeWithAll {
  return function (this: unknown, all, entityMetadata) {
    if (Array.isArray(all) && !Object.prototype.hasOwnProperty.call(all, "filter")) {
      const everyClassKnown = inheritance.learnAll(all.map((m: EntityMetadataLike) => m.target).filter((t) => typeof t === "function"));
      if (everyClassKnown) {
        Object.defineProperty(all, "filter", { value: childFilter(inheritance), configurable: true, writable: true, enumerable: false });
        patched.push(all);
      }
    }
    return original.call(this, all, entityMetadata);
  };
}

function childFilter(inheritance: InheritanceIndex) {
  return function filter(this: EntityMetadataLike[], predicate: (value: EntityMetadataLike, index: number, array: EntityMetadataLike[]) => unknown, thisArg?: unknown): EntityMetadataLike[] {
    if (typeof predicate === "function" && this.length > 0 && /\bisInherited\(/.test(Function.prototype.toString.call(predicate))) {
      inheritance.probedParent = undefined;
      try {
        predicate.call(thisArg, { target: ProbeChild, relations: [] }, 0, this);
      } catch {
        // not the predicate it looked like: Array's own filter below
      }
      const parent = inheritance.probedParent;
      inheritance.probedParent = undefined;
      if (parent !== undefined && inheritance.heirless(parent)) return [];
    }
    return Array.prototype.filter.call(this, predicate, thisArg) as EntityMetadataLike[];
  };
}

/**
 * Does `computeEntityMetadataStep1` read its `allEntityMetadatas` only to find a
 * single-table-inheritance child (`tableType === "entity-child"`)? Read from its source,
 * as 0.3 and 1.x have it; any other use keeps the full array.
 */
function usesAllOnlyForSingleTableChildren(step1: ComputeWithAll | undefined): step1 is ComputeWithAll {
  if (typeof step1 !== "function") return false;
  const source = Function.prototype.toString.call(step1);
  const uses = source.match(/\ballEntityMetadatas\b/g)?.length ?? 0;
  return uses === 2 && /allEntityMetadatas\.find\(\((\w+)\) => \1\.tableType === "entity-child" &&/.test(source);
}

function withSingleTableChildrenOnly(original: ComputeWithAll): ComputeWithAll {
  const children = new WeakMap<Metadatas, { length: number; list: Metadatas }>();
  return function (this: unknown, all, entityMetadata) {
    let cached = children.get(all);
    if (!cached || cached.length !== all.length) {
      cached = { length: all.length, list: all.filter((m) => m.tableType === "entity-child") };
      children.set(all, cached);
    }
    return original.call(this, cached.list, entityMetadata);
  };
}

/** Positions of the first metadata with each target, targetName and givenTableName, kept up to date as the array grows. */
class FirstMatchIndex {
  private readonly byTarget = new Map<unknown, number>();
  private readonly byTargetName = new Map<unknown, number>();
  private readonly byTableName = new Map<unknown, number>();
  private indexed = 0;

  constructor(private readonly metadatas: Metadatas) {}

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
  const indexes = new WeakMap<Metadatas, FirstMatchIndex>();
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
