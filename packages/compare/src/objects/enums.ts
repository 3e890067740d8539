import type { EnumTypeModel, Operation } from "@retort/core";
import type { DialectTraits } from "../dialect-traits";
import type { ResolvedOptions } from "../options";
import { listKey, pairObjects } from "../pairing";

export interface EnumChanges {
  readonly create: Operation[];
  readonly alter: Operation[];
  readonly drop: Operation[];
}

/**
 * PostgreSQL enum types, matched by schema and name. Added, removed and reordered values
 * are one `alterEnum` carrying both value lists (Alembic does not see these at all).
 */
export function compareEnums(
  target: readonly EnumTypeModel[],
  actual: readonly EnumTypeModel[],
  traits: DialectTraits,
  options: ResolvedOptions,
): EnumChanges {
  const out: EnumChanges = { create: [], alter: [], drop: [] };
  if (!traits.enumTypes) return out;
  const { both, onlyTarget, onlyActual } = pairObjects(target, actual, [{ key: (e) => listKey([e.schema, e.name]) }]);
  const keep = (e: EnumTypeModel, reflected: boolean, compareTo: EnumTypeModel | null) =>
    options.includeObject === null || options.includeObject(e, e.name, "enum", reflected, compareTo);
  for (const t of onlyTarget) if (keep(t, false, null)) out.create.push({ kind: "createEnum", enumType: t });
  for (const [t, a] of both) {
    if (listKey(t.values) === listKey(a.values) || !keep(t, false, a)) continue;
    out.alter.push({ kind: "alterEnum", schema: t.schema, name: t.name, values: { from: a.values, to: t.values } });
  }
  for (const a of onlyActual) if (keep(a, true, null)) out.drop.push({ kind: "dropEnum", enumType: a });
  return out;
}
