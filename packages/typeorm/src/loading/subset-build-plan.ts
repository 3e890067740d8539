import { isDeepStrictEqual } from "node:util";
import type { ReplacedClasses } from "../source/in-place-reload";
import { isPrimary, RegistryReading, resolved, type Args } from "./registry-reading";

/** What to build again after an in-place reload, and how (docs/performance.md, "check --watch"). */
export interface SubsetBuildPlan {
  /** The new classes whose tables are built and converted again. */
  readonly rebuilt: ReadonlySet<unknown>;
  /** The classes to build metadata for: the rebuilt ones, and the entities their relations point at (built only for their keys). */
  readonly classes: readonly unknown[];
  /** TypeORM's registry narrowed to those classes, the pointed-at entities' own relations to others left out. */
  readonly registry: object;
}

type Refusal = { readonly reason: string };

/** Registry arrays of a pointed-at entity that only its own table reads: left out of its build. */
const OWN_TABLE_ONLY = new Set(["relationIds", "relationCounts", "indices", "uniques", "checks", "exclusions", "foreignKeys", "entityListeners"]);

/**
 * Whether the entities a reload replaced can be built again on their own, every other
 * table kept from the last build; and if so, the narrowed build. `entities` are the
 * DataSource's entity classes now (the new versions in place of the old).
 *
 * Only another table's *keys* can reach into a table: its foreign keys name the
 * referenced table and its primary key columns. So when each replaced class is a plain
 * entity (no inheritance or tree) whose name, table options and primary key are as
 * before, with no join table of another entity's pointing at it (a join table reads its
 * other side's options) and nothing naming one of its non-key columns, no other table
 * can change. The replaced ones are built with the entities their relations point at,
 * whose own relations to others are left out unless they are part of their key.
 * Anything else is a reason to build the whole model.
 */
export function planSubsetBuild(registry: Readonly<Record<string, unknown>>, replaced: ReplacedClasses, entities: readonly unknown[]): SubsetBuildPlan | Refusal {
  if (!entities.every((e) => typeof e === "function")) return { reason: "the entities include schemas" };
  const reading = new RegistryReading(registry, new Set(entities));
  const rebuilt = replacedEntities(reading, replaced);
  if ("reason" in rebuilt) return rebuilt;
  const targets = reading.relationTargets();
  if (!targets) return { reason: "a relation's entity cannot be told without building" };
  const refusal = readBeyondKeys(reading, replaced, rebuilt, targets);
  if (refusal) return refusal;
  const subset = subsetFor(reading, rebuilt, targets);
  if ("reason" in subset) return subset;
  const classes = reading
    .args("tables")
    .map((t) => t.target)
    .filter((t) => subset.has(t)); // in the registry's order, as the whole build meets them
  return { rebuilt, classes, registry: narrowedRegistry(registry, reading, rebuilt, subset, targets) };
}

/** The new classes of the replaced entities, each with the same name, table and key as before. */
function replacedEntities(reading: RegistryReading, replaced: ReplacedClasses): ReadonlySet<unknown> | Refusal {
  const oldTables = new Set((replaced.removedArgs.tables ?? []).map((t) => t.target));
  const tablePairs = [...replaced.pairs].filter(([old]) => oldTables.has(old));
  if (tablePairs.length === 0) return { reason: "no entity was replaced" };
  if (tablePairs.length !== oldTables.size) return { reason: "an entity was removed or renamed" };
  for (const [old, fresh] of tablePairs) {
    if (!reading.entities.has(fresh)) return { reason: "a replaced class is not among the entities" };
    // An old thunk may return the old version of a class of its own module: compared as the new one.
    const current = (c: unknown): unknown => (replaced.pairs.has(c) ? replaced.pairs.get(c) : c);
    const before = keyArgs((name) => replaced.removedArgs[name] ?? [], old, current);
    const after = keyArgs((name) => reading.args(name), fresh, (c) => c);
    if ((old as { name?: unknown }).name !== (fresh as { name?: unknown }).name || !isDeepStrictEqual(before, after)) return { reason: "an entity's name, table or primary key changed" };
    if (!plainTable(before.tables) || !plainTable(after.tables)) return { reason: "a replaced entity is not a plain synchronized table" };
  }
  return new Set(tablePairs.map(([, fresh]) => fresh));
}

/** Why some other table may read more of a replaced entity than its key, if it may. */
function readBeyondKeys(reading: RegistryReading, replaced: ReplacedClasses, rebuilt: ReadonlySet<unknown>, targets: ReadonlyMap<Args, unknown>): Refusal | undefined {
  const rebuiltOwners = reading.ownersOf(rebuilt);
  // Another new class (an embedded one declared beside the entity) must belong to the replaced entities alone, and hold no key column.
  const tableTargets = new Set(reading.args("tables").map((t) => t.target));
  for (const added of replaced.added) {
    if (rebuilt.has(added)) continue;
    if (tableTargets.has(added) || !rebuiltOwners.has(added)) return { reason: "a re-read module declares a class that is not only part of the entities it replaces" };
    if (reading.primaryProperties(new Set([added])).size > 0) return { reason: "a re-read embedded class holds a primary column" };
  }
  if (reading.args("embeddeds").some((e) => replaced.added.has(resolved(e.type)) && !rebuiltOwners.has(e.target))) return { reason: "an entity not re-read embeds a re-read class" };
  for (const [relation, target] of targets) {
    if (!rebuilt.has(target)) continue;
    if (reading.args("foreignKeys").includes(relation)) return { reason: "a foreign key declaration points at a replaced entity" };
    if (reading.ownsJoinTable(relation) && !rebuiltOwners.has(relation.target)) return { reason: "a join table owned by an entity not re-read points at a replaced entity" };
  }
  for (const join of reading.args("joinColumns")) {
    if (join.referencedColumnName === undefined) continue;
    const relation = reading.relationOf(join);
    const target = relation && targets.get(relation);
    if (relation === undefined || (rebuilt.has(target) && !reading.primaryProperties(reading.owners(target)).has(join.referencedColumnName))) {
      return { reason: "a join column names a column of a replaced entity other than its key" };
    }
  }
  return undefined;
}

/** The replaced entities and every entity whose key they need: those their relations point at, and the keys' own relations. */
function subsetFor(reading: RegistryReading, rebuilt: ReadonlySet<unknown>, targets: ReadonlyMap<Args, unknown>): Set<unknown> | Refusal {
  const rebuiltOwners = reading.ownersOf(rebuilt);
  const subset = new Set<unknown>(rebuilt);
  for (const [relation, target] of targets) if (rebuiltOwners.has(relation.target)) subset.add(target);
  // A pointed-at entity's key may itself come from a relation: its entity is built too.
  for (let grew = true; grew; ) {
    grew = false;
    const subsetOwners = reading.ownersOf(subset);
    for (const [relation, target] of targets) {
      if (subsetOwners.has(relation.target) && isPrimary(relation) && !subset.has(target)) {
        subset.add(target);
        grew = true;
      }
    }
  }
  for (const c of subset) if (!reading.entities.has(c)) return { reason: "a relation points at a class that is not an entity" };
  const relevant = reading.ownersOf(subset);
  for (const kind of ["trees", "inheritances", "discriminatorValues"]) {
    if (reading.args(kind).some((a) => relevant.has(a.target))) return { reason: "an entity involved uses inheritance or a tree" };
  }
  if (reading.args("tables").some((t) => relevant.has(t.target) && t.type !== "regular")) return { reason: "an entity involved is not a regular table" };
  return subset;
}

/**
 * The registry as the subset's build must see it: only the subset's entries; of a
 * pointed-at entity's (built for its key only), not what only its own table reads, nor
 * its relations to entities outside the subset (which the build could not find).
 */
function narrowedRegistry(registry: Readonly<Record<string, unknown>>, reading: RegistryReading, rebuilt: ReadonlySet<unknown>, subset: ReadonlySet<unknown>, targets: ReadonlyMap<Args, unknown>): object {
  const relevant = reading.ownersOf(subset);
  const rebuiltOwners = reading.ownersOf(rebuilt);
  const narrowed = Object.create(registry) as Record<string, unknown>;
  for (const [name, value] of Object.entries(registry)) {
    if (!Array.isArray(value)) continue;
    narrowed[name] = (value as Args[]).filter((entry) => {
      if (typeof entry?.target !== "function") return true;
      if (!relevant.has(entry.target)) return false;
      if (rebuiltOwners.has(entry.target)) return true;
      if (OWN_TABLE_ONLY.has(name)) return false;
      return name !== "relations" || subset.has(targets.get(entry));
    });
  }
  return narrowed;
}

/** What a table's key is made of, in the registry: its table options, primary columns, their generation, primary relations, embedded columns. */
function keyArgs(args: (name: string) => readonly Args[], target: unknown, current: (c: unknown) => unknown) {
  const own = (name: string, keep: (a: Args) => boolean = () => true): unknown[] =>
    args(name)
      .filter((a) => a.target === target && keep(a))
      .map(({ target: _target, ...rest }) => rest);
  return {
    tables: own("tables"),
    primaryColumns: own("columns", isPrimary),
    generations: own("generations"),
    // Relations hold functions (never equal): a primary one makes the key differ, as it should (the target is not compared).
    primaryRelations: own("relations", isPrimary),
    // A key column may sit in an embedded class (whose prefix names it); the class itself is not replaced, so its thunk is compared by what it returns.
    embeddeds: own("embeddeds").map((e) => ({ ...(e as Args), type: current(resolved((e as Args).type)) })),
  };
}

function plainTable(tables: readonly unknown[]): boolean {
  const [table] = tables as { type?: unknown; synchronize?: unknown }[];
  return tables.length === 1 && table!.type === "regular" && table!.synchronize !== false;
}
