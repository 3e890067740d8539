import { isDeepStrictEqual } from "node:util";
import type { ReplacedClasses } from "../source/in-place-reload";

type Args = { readonly target?: unknown; readonly [key: string]: unknown };
type Registry = Readonly<Record<string, unknown>>;

/** What to build again after an in-place reload, and how (docs/performance.md, "check --watch"). */
export interface SubsetBuildPlan {
  /** The new classes whose tables are built and converted again. */
  readonly rebuilt: ReadonlySet<unknown>;
  /** The classes to build metadata for: the rebuilt ones, and the entities their relations point at (built only for their keys). */
  readonly classes: readonly unknown[];
  /** TypeORM's registry narrowed to those classes, the pointed-at entities' own relations to others left out. */
  readonly registry: object;
}

/** Registry arrays of a pointed-at entity that only its own table reads: left out of its build. */
const OWN_TABLE_ONLY = new Set(["relationIds", "relationCounts", "indices", "uniques", "checks", "exclusions", "foreignKeys", "entityListeners"]);

/**
 * Whether the entities a reload replaced can be built again on their own, every other
 * table kept from the last build; and if so, the narrowed build. `entities` are the
 * DataSource's entity classes now (the new versions in place of the old).
 *
 * Only another table's *keys* can reach into a table: its foreign keys name the
 * referenced table and its primary key columns. So when each replaced class is a plain
 * entity (no inheritance or tree; no join table of another entity's pointing at it, which
 * reads its side's options; nothing naming one of its non-key columns) whose name, table options and primary key are the same as
 * before, no other table can change. The replaced ones are built with the entities
 * their relations point at, whose own relations to others are left out unless they are
 * part of their key. Anything else is a reason to build the whole model.
 */
export function planSubsetBuild(registry: Registry, replaced: ReplacedClasses, entities: readonly unknown[]): SubsetBuildPlan | { readonly reason: string } {
  const oldTables = new Set((replaced.removedArgs.tables ?? []).map((t) => t.target));
  const tablePairs = [...replaced.pairs].filter(([old]) => oldTables.has(old));
  const rebuilt = new Set(tablePairs.map(([, fresh]) => fresh));
  if (rebuilt.size === 0) return { reason: "no entity was replaced" };
  if (tablePairs.length !== oldTables.size) return { reason: "an entity was removed or renamed" };
  if (!entities.every((e) => typeof e === "function")) return { reason: "the entities include schemas" };
  const args = (name: string): readonly Args[] => (Array.isArray(registry[name]) ? (registry[name] as Args[]) : []);
  const entitySet = new Set<unknown>(entities);
  const resolve = relationTargetResolver(args("tables"), entitySet);

  for (const [old, fresh] of tablePairs) {
    if (!entitySet.has(fresh)) return { reason: "a replaced class is not among the entities" };
    // An old thunk may return the old version of a class of its own module: compared as the new one.
    const before = keyArgs((name) => replaced.removedArgs[name] ?? [], old, (c) => (replaced.pairs.has(c) ? replaced.pairs.get(c) : c));
    const after = keyArgs(args, fresh, (c) => c);
    if ((old as { name?: unknown }).name !== (fresh as { name?: unknown }).name || !isDeepStrictEqual(before, after)) return { reason: "an entity's name, table or primary key changed" };
    if (!plainTable(before.tables) || !plainTable(after.tables)) return { reason: "a replaced entity is not a plain synchronized table" };
  }

  // Every relation resolved once: none may point at a replaced entity in a way that reads more than its key.
  const targetOf = new Map<Args, unknown>();
  for (const list of ["relations", "foreignKeys"]) {
    for (const relation of args(list)) {
      const target = resolve(relation.type);
      if (target === undefined) return { reason: "a relation's entity cannot be told without building" };
      targetOf.set(relation, target);
      if (rebuilt.has(target) && list === "foreignKeys") return { reason: "a foreign key declaration points at a replaced entity" };
    }
  }
  // A join table is built from its owner's relation and the other side's (whose options it reads): one owned elsewhere may not point at a replaced entity.
  const joinTablesOf = new Map<unknown, Set<unknown>>();
  for (const j of args("joinTables")) joinTablesOf.set(j.target, (joinTablesOf.get(j.target) ?? new Set()).add(j.propertyName));
  const relationsByOwner = new Map<unknown, Map<unknown, Args>>();
  for (const r of args("relations")) {
    const own = relationsByOwner.get(r.target) ?? new Map<unknown, Args>();
    if (!own.has(r.propertyName)) own.set(r.propertyName, r);
    relationsByOwner.set(r.target, own);
  }
  const owners = ownerClasses(args);
  const rebuiltOwners = new Set([...rebuilt].flatMap((c) => [...owners(c)]));
  // Another new class (an embedded one declared beside the entity) must belong to the replaced entities alone, and hold no key column.
  const tableTargets = new Set(args("tables").map((t) => t.target));
  for (const added of replaced.added) {
    if (rebuilt.has(added)) continue;
    if (tableTargets.has(added) || !rebuiltOwners.has(added)) return { reason: "a re-read module declares a class that is not only part of the entities it replaces" };
    if (primaryProperties(args, new Set([added])).size > 0) return { reason: "a re-read embedded class holds a primary column" };
  }
  if (args("embeddeds").some((e) => replaced.added.has(resolved(e.type)) && !rebuiltOwners.has(e.target))) {
    return { reason: "an entity not re-read embeds a re-read class" };
  }
  for (const join of args("joinColumns")) {
    if (join.referencedColumnName === undefined) continue;
    const relation = relationsByOwner.get(join.target)?.get(join.propertyName);
    const target = relation && targetOf.get(relation);
    if (relation === undefined || (rebuilt.has(target) && !primaryProperties(args, owners(target)).has(join.referencedColumnName))) {
      return { reason: "a join column names a column of a replaced entity other than its key" };
    }
  }

  for (const [relation, target] of targetOf) {
    const ownsJoinTable = relation.relationType === "many-to-many" && joinTablesOf.get(relation.target)?.has(relation.propertyName) === true;
    if (ownsJoinTable && rebuilt.has(target) && !rebuiltOwners.has(relation.target)) return { reason: "a join table owned by an entity not re-read points at a replaced entity" };
  }

  const inSubset = new Set<unknown>(rebuilt);
  for (const [relation, target] of targetOf) if (rebuiltOwners.has(relation.target)) inSubset.add(target);
  // A pointed-at entity's key may itself come from a relation: its entity is built too.
  for (let grew = true; grew; ) {
    grew = false;
    const subsetOwners = new Set([...inSubset].flatMap((c) => [...owners(c)]));
    for (const [relation, target] of targetOf) {
      if (subsetOwners.has(relation.target) && isPrimaryRelation(relation) && !inSubset.has(target)) {
        inSubset.add(target);
        grew = true;
      }
    }
  }
  for (const c of inSubset) if (!entitySet.has(c)) return { reason: "a relation points at a class that is not an entity" };
  const relevant = new Set([...inSubset].flatMap((c) => [...owners(c)]));
  for (const kind of ["trees", "inheritances", "discriminatorValues"]) {
    if (args(kind).some((a) => relevant.has(a.target))) return { reason: "an entity involved uses inheritance or a tree" };
  }
  if (args("tables").some((t) => relevant.has(t.target) && t.type !== "regular")) return { reason: "an entity involved is not a regular table" };

  const keyOnly = new Set([...relevant].filter((c) => !rebuiltOwners.has(c)));
  const narrowed = Object.create(registry) as Record<string, unknown>;
  for (const [name, value] of Object.entries(registry)) {
    if (!Array.isArray(value)) continue;
    narrowed[name] = (value as Args[]).filter((entry) => {
      if (typeof entry?.target !== "function") return true;
      if (!relevant.has(entry.target)) return false;
      if (!keyOnly.has(entry.target)) return true;
      if (OWN_TABLE_ONLY.has(name)) return false;
      return name !== "relations" || inSubset.has(targetOf.get(entry));
    });
  }
  // In the registry's order, as the whole build meets them.
  const classes = args("tables")
    .map((t) => t.target)
    .filter((t) => inSubset.has(t));
  return { rebuilt, classes, registry: narrowed };
}

/** What a table's key is made of, in the registry: its table options, primary columns, their generation, primary relations. */
function keyArgs(args: (name: string) => readonly Args[], target: unknown, current: (c: unknown) => unknown) {
  const own = (name: string, keep: (a: Args) => boolean = () => true): unknown[] =>
    args(name)
      .filter((a) => a.target === target && keep(a))
      .map(({ target: _target, ...rest }) => rest);
  return {
    tables: own("tables"),
    primaryColumns: own("columns", (a) => (a.options as { primary?: unknown } | undefined)?.primary === true),
    generations: own("generations"),
    // Relations hold functions (never equal): a primary one makes the key differ, as it should (the target is not compared).
    primaryRelations: own("relations", isPrimaryRelation),
    // A key column may sit in an embedded class (whose prefix names it); the class itself is not replaced, so its thunk is compared by what it returns.
    embeddeds: own("embeddeds").map((e) => ({ ...(e as Args), type: current(resolved((e as Args).type)) })),
  };
}

/** The property names of the primary columns declared on `classes` (an entity's owner classes). */
function primaryProperties(args: (name: string) => readonly Args[], classes: ReadonlySet<unknown>): ReadonlySet<unknown> {
  return new Set(
    args("columns")
      .filter((c) => classes.has(c.target) && (c.options as { primary?: unknown } | undefined)?.primary === true)
      .map((c) => c.propertyName),
  );
}

function isPrimaryRelation(relation: Args): boolean {
  return (relation.options as { primary?: unknown } | undefined)?.primary === true;
}

function plainTable(tables: readonly unknown[]): boolean {
  const [table] = tables as { type?: unknown; synchronize?: unknown }[];
  return tables.length === 1 && table!.type === "regular" && table!.synchronize !== false;
}

/**
 * A relation's `type` (a function returning the class, or a name) as the class TypeORM's
 * build would find: the first entity whose class or table name it is.
 */
function relationTargetResolver(tables: readonly Args[], entities: ReadonlySet<unknown>): (type: unknown) => unknown {
  const byName = new Map<unknown, unknown>();
  for (const table of tables) {
    if (!entities.has(table.target)) continue;
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

function resolved(thunk: unknown): unknown {
  try {
    return typeof thunk === "function" ? (thunk as () => unknown)() : thunk;
  } catch {
    return thunk;
  }
}

/**
 * The classes whose registry entries make up an entity: its prototype chain, and the
 * classes of its embedded columns (with theirs), as TypeORM's build reads them.
 */
function ownerClasses(args: (name: string) => readonly Args[]): (entity: unknown) => ReadonlySet<unknown> {
  const embeddedOf = new Map<unknown, unknown[]>();
  for (const embedded of args("embeddeds")) {
    const type = resolved(embedded.type);
    const list = embeddedOf.get(embedded.target) ?? [];
    list.push(type);
    embeddedOf.set(embedded.target, list);
  }
  const memo = new Map<unknown, ReadonlySet<unknown>>();
  return (entity) => {
    let found = memo.get(entity);
    if (found) return found;
    const classes = new Set<unknown>();
    const visit = (c: unknown): void => {
      for (let k = c; typeof k === "function" && k !== Function.prototype && !classes.has(k); k = Object.getPrototypeOf(k)) {
        classes.add(k);
        for (const e of embeddedOf.get(k) ?? []) visit(e);
      }
    };
    visit(entity);
    memo.set(entity, (found = classes));
    return found;
  };
}
