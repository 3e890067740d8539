import { qualifiedName, type Queryable, type ViewModel } from "@retort/core";
import { engineFor } from "../engines/registry";

/**
 * The entity side of a view comparison, spelled as the engine stores it: PostgreSQL and
 * MySQL rewrite a view's SELECT, so the server itself is asked (through a probe view, as
 * Atlas asks its dev database); SQLite keeps the text. Keyed by `qualifiedName`, for the
 * views the database also has (a new view needs no comparing). Compare with
 * `CompareOptions.storedViewDefinitions` (docs/architecture.md, "Views").
 */
export async function storedViewDefinitions(
  db: Queryable,
  entityViews: readonly ViewModel[],
  databaseViews: readonly ViewModel[],
): Promise<Map<string, string>> {
  const existing = new Map(databaseViews.map((v) => [qualifiedName(v), v.definition]));
  const stored = new Map<string, string>();
  let probes = 0;
  for (const view of entityViews) {
    const key = qualifiedName(view);
    const actual = existing.get(key);
    if (actual === undefined) continue;
    if (actual === view.definition.trim()) {
      stored.set(key, actual);
      continue;
    }
    const probe = `retort_view_probe_${process.pid}_${probes++}`;
    const spelled = await storedSpelling(db, view.definition, probe);
    if (spelled !== null) stored.set(key, spelled);
  }
  return stored;
}

function storedSpelling(db: Queryable, definition: string, probe: string): Promise<string | null> {
  return engineFor(db.dialect).storedViewDefinition(db, definition, probe);
}
