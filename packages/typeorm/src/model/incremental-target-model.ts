import { isDeepStrictEqual } from "node:util";
import { adoptBuiltMetadatas, buildSubsetMetadatas } from "../loading/build-entity-metadatas";
import { typeormOf } from "../loading/project-typeorm";
import { planSubsetBuild } from "../loading/subset-build-plan";
import type { ReplacedClasses } from "../source/in-place-reload";
import type { TypeormDataSource, TypeormEntityMetadata } from "../typeorm-shapes";
import {
  assembleModel,
  conversionContext,
  convertEntities,
  factsOf,
  type BuildTargetModelOptions,
  type ConvertedEntity,
  type TargetBuild,
} from "./build-target-model";

/** A model built again from the last one: the entities built again, out of how many. */
export interface IncrementalBuild {
  readonly build: TargetBuild;
  readonly rebuilt: number;
  readonly of: number;
}

/**
 * The target model after an in-place reload (`check --watch`, docs/performance.md), built
 * from the last build with only the replaced entities built and converted again, when
 * `planSubsetBuild` shows no other table can have changed; the same model as a whole
 * build (`incremental-target-model.test.ts` compares them). Otherwise the reason, and the
 * caller builds the whole model (whose errors, if any, are then the ones reported).
 */
export async function rebuildReplaced(
  dataSource: TypeormDataSource,
  previous: TargetBuild,
  replaced: ReplacedClasses,
  options: BuildTargetModelOptions,
): Promise<IncrementalBuild | { readonly reason: string }> {
  if (!isDeepStrictEqual(factsOf(options), previous.facts)) return { reason: "the database's version or default schema changed" };
  const previousMetadatas = previous.entities.map((e) => e.metadata);
  // A view built by a query builder reads other entities' metadata; one of SQL text does not.
  if (previousMetadatas.some((m) => m.tableType === "view" && typeof m.expression === "function")) return { reason: "a view's query is built from the entities" };
  const now = (target: unknown): unknown => (replaced.pairs.has(target) ? replaced.pairs.get(target) : target);
  const entities = previousMetadatas.filter((m) => !isJunction(m)).map((m) => now(target(m)));
  const registry = typeormOf(dataSource).getMetadataArgsStorage() as unknown as Record<string, unknown>;
  if (!sameEntities(entities, dataSource, registry)) return { reason: "the entities are not those of the last build" };
  const plan = planSubsetBuild(registry, replaced, entities);
  if ("reason" in plan) return plan;

  let built: readonly TypeormEntityMetadata[];
  try {
    built = await buildSubsetMetadatas(dataSource, plan.classes, plan.registry);
  } catch (e) {
    return { reason: `building the changed entities alone failed (${(e as Error)?.message})` };
  }
  const ctx = conversionContext(dataSource, options);
  const rebuiltMetadatas = built.filter((m) => plan.rebuilt.has(target(m)));
  const fresh = new Map(convertEntities(dataSource, rebuiltMetadatas, ctx).map((e) => [target(e.metadata), e] as const));
  // Their join tables are built with them: the old ones go, the new ones come last (the model is sorted).
  const oldJunctions = new Set(previousMetadatas.filter((m) => replaced.pairs.has(target(m))).flatMap(junctionsOf));
  const newJunctions = convertEntities(dataSource, rebuiltMetadatas.flatMap(junctionsOf), ctx);
  const merged: ConvertedEntity[] = [];
  for (const entry of previous.entities) {
    if (oldJunctions.has(entry.metadata)) continue;
    const replacement = replaced.pairs.has(target(entry.metadata)) ? fresh.get(now(target(entry.metadata))) : entry;
    if (!replacement) return { reason: "a changed entity was not built" };
    merged.push(replacement);
  }
  merged.push(...newJunctions);
  const clash = sharedName(merged, new Set([...fresh.values(), ...newJunctions]));
  if (clash) return { reason: clash };
  if (hasRequiredRelationCycle(merged.map((e) => e.metadata))) return { reason: "required relations may form a cycle" };
  adoptBuiltMetadatas(dataSource, merged.map((e) => e.metadata));
  return { build: { model: assembleModel(dataSource, merged, ctx, options), entities: merged, facts: factsOf(options) }, rebuilt: fresh.size, of: entities.length };
}

/** Are `entities` the decorated tables the DataSource lists now (what a whole build would build)? */
function sameEntities(entities: readonly unknown[], dataSource: TypeormDataSource, registry: Record<string, unknown>): boolean {
  const tables = new Set((Array.isArray(registry.tables) ? (registry.tables as { target?: unknown }[]) : []).map((t) => t.target));
  const listed = dataSource.options.entities as unknown;
  const items: unknown[] = Array.isArray(listed) ? listed : listed && typeof listed === "object" ? Object.values(listed) : [];
  const now = new Set(items.filter((e) => tables.has(e)));
  return now.size === new Set(entities).size && entities.every((e) => now.has(e));
}

function target(metadata: TypeormEntityMetadata): unknown {
  return (metadata as { target?: unknown }).target;
}

/** The join tables an entity's many-to-many relations own. */
function junctionsOf(metadata: TypeormEntityMetadata): TypeormEntityMetadata[] {
  const relations = (metadata as unknown as { relations?: readonly { isManyToManyOwner?: boolean; junctionEntityMetadata?: TypeormEntityMetadata }[] }).relations ?? [];
  return relations.flatMap((r) => (r.isManyToManyOwner && r.junctionEntityMetadata ? [r.junctionEntityMetadata] : []));
}

function isJunction(metadata: TypeormEntityMetadata): boolean {
  return metadata.tableType === "junction" || metadata.tableType === "closure-junction";
}

/**
 * Does a rebuilt table share its name, or an enum type's name, with another table? Then
 * the build's order decides what the model holds (the first one wins), and a whole build
 * orders the new class last: only a whole build can say.
 */
function sharedName(entities: readonly ConvertedEntity[], rebuilt: ReadonlySet<ConvertedEntity>): string | undefined {
  const tables = new Map<string, number>();
  const enums = new Map<string, number>();
  const count = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);
  for (const { converted } of entities) {
    if (!converted) continue;
    count(tables, `${converted.table.schema}.${converted.table.name}`);
    for (const key of new Set(converted.enums.map((e) => `${e.schema}.${e.name}`))) count(enums, key);
  }
  for (const entry of entities) {
    const { converted } = entry;
    if (!converted || !rebuilt.has(entry)) continue;
    if (tables.get(`${converted.table.schema}.${converted.table.name}`)! > 1) return "a changed entity's table is mapped twice";
    if (converted.enums.some((e) => enums.get(`${e.schema}.${e.name}`)! > 1)) return "a changed entity shares an enum type";
  }
  return undefined;
}

interface RelationLike {
  readonly isNullable: boolean;
  readonly inverseEntityMetadata?: { readonly name: string };
}

/**
 * TypeORM's validator refuses required (non-nullable) join-column relations that form a
 * cycle; a build of some entities alone cannot see one through the others. Any cycle
 * (a self-reference too) sends the check to a whole build, which says what TypeORM says.
 */
function hasRequiredRelationCycle(metadatas: readonly TypeormEntityMetadata[]): boolean {
  const edges = new Map<string, string[]>();
  for (const m of metadatas) {
    const relations = (m as unknown as { relationsWithJoinColumns?: readonly RelationLike[] }).relationsWithJoinColumns ?? [];
    const to = relations.filter((r) => !r.isNullable && r.inverseEntityMetadata).map((r) => r.inverseEntityMetadata!.name);
    edges.set(m.name, [...(edges.get(m.name) ?? []), ...to]);
  }
  const state = new Map<string, "open" | "done">();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const out = edges.get(top.node) ?? [];
      if (top.next >= out.length) {
        state.set(top.node, "done");
        stack.pop();
        continue;
      }
      const node = out[top.next++]!;
      const seen = state.get(node);
      if (seen === "open") return true;
      if (seen === undefined) {
        state.set(node, "open");
        stack.push({ node, next: 0 });
      }
    }
  }
  return false;
}
