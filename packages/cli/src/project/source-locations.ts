import type { DiffEntry, JsonValue } from "@retort/compare";
import type { LocatedObject, OpenedModelSource, SourceLocation } from "@retort/core";
import { loadProjectConfig, openModelSource, type ProjectOptions } from "./session";

export type { SourceLocation };

export type LocateEntry = (entry: DiffEntry) => SourceLocation | undefined;

/**
 * The model source's file and line behind each `check` difference, for editors' problem
 * matchers (`locator` of the ModelSource port: an entity class and property, a Prisma
 * model and field). Objects the source does not declare (a removed table) have none.
 */
export async function sourceLocator(options: ProjectOptions): Promise<LocateEntry> {
  const config = await loadProjectConfig(options);
  return await locatorOf(await openModelSource(options, config));
}

/** As sourceLocator, for a source already opened. */
export async function locatorOf(source: Pick<OpenedModelSource, "locator">): Promise<LocateEntry> {
  const locate = await source.locator();
  return (entry) => locate(locatedObject(entry));
}

function locatedObject(entry: DiffEntry): LocatedObject {
  return { schema: entry.schema, table: entry.table, column: entry.column, columns: columnsOf(entry.details.after ?? entry.details.before) };
}

/** An index's, constraint's or foreign key's columns, from the entry's facts. */
function columnsOf(facts: JsonValue | undefined): string[] {
  if (facts === null || typeof facts !== "object" || Array.isArray(facts)) return [];
  const columns = (facts as { readonly columns?: JsonValue }).columns;
  return Array.isArray(columns) && typeof columns[0] === "string" ? columns.filter((c): c is string => typeof c === "string") : [];
}
