import type { ExtensionModel, Operation, SchemaModel } from "@retort/core";
import type { ResolvedOptions } from "../options";

export interface ExtensionChanges {
  /** Run first: the tables, columns and constraints after them may use the extension. */
  readonly create: Operation[];
  /** Run last, after everything that used the extension is gone. */
  readonly drop: Operation[];
}

/**
 * PostgreSQL extensions, by name (docs/schema-objects.md, "Extensions"). Compared only
 * when both models looked at them (`extensions` present). One the entities need and the
 * database lacks is created. One only the database has is left alone, unless
 * `includeObject` returns `true` for it: the entities never ask for plpgsql, pg_stat_statements
 * or PostGIS they do not use, and those are not theirs to drop.
 */
export function compareExtensions(target: SchemaModel, actual: SchemaModel, options: ResolvedOptions): ExtensionChanges {
  const out: ExtensionChanges = { create: [], drop: [] };
  if (target.extensions === undefined || actual.extensions === undefined) return out;
  const filter = options.includeObject;
  const has = (list: readonly ExtensionModel[], name: string) => list.some((e) => e.name === name);
  for (const e of target.extensions) {
    if (!has(actual.extensions, e.name) && (filter === null || filter(e, e.name, "extension", false, null)))
      out.create.push({ kind: "createExtension", extension: e });
  }
  for (const e of actual.extensions) {
    if (!has(target.extensions, e.name) && filter !== null && filter(e, e.name, "extension", true, null))
      out.drop.push({ kind: "dropExtension", extension: e, onlyIfCreatedByRetort: false });
  }
  return out;
}
