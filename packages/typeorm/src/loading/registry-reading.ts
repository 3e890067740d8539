/** One entry of TypeORM's decorator registry (MetadataArgsStorage's arrays). */
export type Args = { readonly target?: unknown; readonly [key: string]: unknown };

/**
 * TypeORM's decorator registry read as its metadata build reads it, for deciding what a
 * build of some entities alone needs (subset-build-plan.ts). `entities` are the classes
 * the whole build would get.
 */
export class RegistryReading {
  private readonly ownersMemo = new Map<unknown, ReadonlySet<unknown>>();
  private embeddedOf?: Map<unknown, unknown[]>;
  private relationsByOwner?: Map<unknown, Map<unknown, Args>>;
  private joinTablesOf?: Map<unknown, Set<unknown>>;
  private targets?: Map<Args, unknown> | null;

  constructor(
    private readonly registry: Readonly<Record<string, unknown>>,
    readonly entities: ReadonlySet<unknown>,
  ) {}

  /** The registry array `name` (`tables`, `columns`, `relations`…). */
  args(name: string): readonly Args[] {
    const value = this.registry[name];
    return Array.isArray(value) ? (value as Args[]) : [];
  }

  /**
   * Each relation and `@ForeignKey` with the entity class it points at; undefined when one
   * cannot be told without building (a name no entity has, a thunk that throws).
   */
  relationTargets(): ReadonlyMap<Args, unknown> | undefined {
    if (this.targets === undefined) {
      const resolve = this.targetResolver();
      const targets = new Map<Args, unknown>();
      for (const relation of [...this.args("relations"), ...this.args("foreignKeys")]) {
        const target = resolve(relation.type);
        if (target === undefined) {
          this.targets = null;
          return undefined;
        }
        targets.set(relation, target);
      }
      this.targets = targets;
    }
    return this.targets ?? undefined;
  }

  /**
   * The classes whose registry entries make up an entity: its prototype chain, and the
   * classes of its embedded columns (with theirs).
   */
  owners(entity: unknown): ReadonlySet<unknown> {
    let found = this.ownersMemo.get(entity);
    if (found) return found;
    this.embeddedOf ??= groupBy(this.args("embeddeds"), (e) => e.target, (e) => resolved(e.type));
    const embeddedOf = this.embeddedOf;
    const classes = new Set<unknown>();
    const visit = (c: unknown): void => {
      for (let k = c; typeof k === "function" && k !== Function.prototype && !classes.has(k); k = Object.getPrototypeOf(k)) {
        classes.add(k);
        for (const e of embeddedOf.get(k) ?? []) visit(e);
      }
    };
    visit(entity);
    this.ownersMemo.set(entity, (found = classes));
    return found;
  }

  /** The owner classes of several entities together. */
  ownersOf(entities: Iterable<unknown>): Set<unknown> {
    const all = new Set<unknown>();
    for (const entity of entities) for (const c of this.owners(entity)) all.add(c);
    return all;
  }

  /** The property names of the primary columns declared on `classes`. */
  primaryProperties(classes: ReadonlySet<unknown>): ReadonlySet<unknown> {
    return new Set(
      this.args("columns")
        .filter((c) => classes.has(c.target) && isPrimary(c))
        .map((c) => c.propertyName),
    );
  }

  /** The relation a `@JoinColumn` belongs to (declared on the same class and property). */
  relationOf(joinColumn: Args): Args | undefined {
    if (!this.relationsByOwner) {
      this.relationsByOwner = new Map();
      for (const r of this.args("relations")) {
        const own = this.relationsByOwner.get(r.target) ?? new Map<unknown, Args>();
        if (!own.has(r.propertyName)) own.set(r.propertyName, r);
        this.relationsByOwner.set(r.target, own);
      }
    }
    return this.relationsByOwner.get(joinColumn.target)?.get(joinColumn.propertyName);
  }

  /** Is `relation` a many-to-many with a `@JoinTable` on its side (the join table's owner)? */
  ownsJoinTable(relation: Args): boolean {
    this.joinTablesOf ??= new Map([...groupBy(this.args("joinTables"), (j) => j.target, (j) => j.propertyName)].map(([k, v]) => [k, new Set(v)]));
    return relation.relationType === "many-to-many" && this.joinTablesOf.get(relation.target)?.has(relation.propertyName) === true;
  }

  /**
   * A relation's `type` (a function returning the class or a name, or a name) as the class
   * TypeORM's build finds: the first entity whose class or table name it is.
   */
  private targetResolver(): (type: unknown) => unknown {
    const byName = new Map<unknown, unknown>();
    for (const table of this.args("tables")) {
      if (!this.entities.has(table.target)) continue;
      const className = (table.target as { name?: unknown }).name;
      if (!byName.has(className)) byName.set(className, table.target);
      if (table.name !== undefined && !byName.has(table.name)) byName.set(table.name, table.target);
    }
    return (type) => {
      let target: unknown;
      try {
        target = typeof type === "function" ? (type as () => unknown)() : type;
      } catch {
        return undefined;
      }
      if (typeof target === "string") return byName.get(target);
      return typeof target === "function" ? target : undefined;
    };
  }
}

/** A column or relation entry declared with `primary: true`. */
export function isPrimary(entry: Args): boolean {
  return (entry.options as { primary?: unknown } | undefined)?.primary === true;
}

/** What a thunk returns (the thunk itself if it throws), or a value that is not one. */
export function resolved(thunk: unknown): unknown {
  try {
    return typeof thunk === "function" ? (thunk as () => unknown)() : thunk;
  } catch {
    return thunk;
  }
}

function groupBy<K, V>(items: readonly Args[], key: (a: Args) => K, value: (a: Args) => V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(value(item));
    groups.set(key(item), list);
  }
  return groups;
}
