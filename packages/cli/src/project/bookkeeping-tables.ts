import { isBookkeeping, type BookkeepingTable, type SchemaModel } from "@retort/core";
import { versionTableNames } from "@retort/runtime";
import type { ResolvedConfig } from "../config/load-config";

export { isBookkeeping, type BookkeepingTable };

/**
 * Tables that tools keep for their own bookkeeping: never compared, so never created,
 * altered or dropped by a migration retort writes (README.md, "Adopting retort in an
 * existing project"). retort's own are here; other tools' come from the model source
 * (`bookkeepingTables` of the ModelSource port: TypeORM's migrations and metadata tables,
 * Prisma's `_prisma_migrations`).
 *
 * retort's own version tables: known from the config alone, so left out before reflection.
 */
export function retortTables(config: Pick<ResolvedConfig, "versionTable">): BookkeepingTable[] {
  return versionTableNames(config.versionTable).map((name) => ({ schema: null, name, owner: "retort" }));
}

/**
 * The tables an entity maps to stay the entity's: a project whose own entity is called
 * `migrations` keeps comparing it (TypeORM would then share that table with its history).
 */
export function unclaimedBy(target: SchemaModel, tables: readonly BookkeepingTable[]): BookkeepingTable[] {
  return tables.filter((b) => !target.tables.some((t) => isBookkeeping([b], t.schema, t.name)));
}

/** A table of another tool, found in the database and left as it is. */
export interface KeptTable {
  readonly schema: string | null;
  readonly name: string;
  readonly owner: BookkeepingTable["owner"];
}

/**
 * The reflected database's tables sorted by owner: how many are the project's own (what
 * `baseline` adopts), and which belong to other tools. Tables an entity maps to are the project's.
 */
export function databaseTablesByOwner(cmp: {
  readonly actual: SchemaModel;
  readonly target: SchemaModel;
  readonly config: Pick<ResolvedConfig, "versionTable">;
  /** The model source's bookkeeping tables for this database. */
  readonly otherTools: readonly BookkeepingTable[];
}): { readonly tables: number; readonly kept: readonly KeptTable[] } {
  const bookkeeping = [...retortTables(cmp.config), ...unclaimedBy(cmp.target, cmp.otherTools)];
  let tables = 0;
  const kept: KeptTable[] = [];
  for (const t of cmp.actual.tables) {
    const owner = bookkeeping.find((b) => isBookkeeping([b], t.schema, t.name));
    if (!owner) tables++;
    else if (owner.owner !== "retort") kept.push({ schema: t.schema, name: t.name, owner: owner.owner });
  }
  return { tables, kept };
}
