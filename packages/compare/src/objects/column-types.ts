import type { ColumnType } from "@retort/core";
import type { DialectTraits } from "../dialect-traits";

/** Fills the parameters the engine supplies when DDL omits them. */
function withImplicitParams(type: ColumnType, traits: DialectTraits): ColumnType {
  const implicit = traits.implicitTypeParams[type.name];
  if (!implicit) return type;
  return {
    ...type,
    length: type.length ?? implicit.length ?? null,
    precision: type.precision ?? implicit.precision ?? null,
    scale: type.scale ?? implicit.scale ?? null,
  };
}

/**
 * retort's type rule: canonical types must be equal field by field, after filling in
 * the engine's implicit parameters. A PostgreSQL enum column is compared by the enum's
 * name only: its values belong to the enum type, whose changes are `alterEnum`.
 */
export function typesDiffer(target: ColumnType, actual: ColumnType, traits: DialectTraits): boolean {
  const t = withImplicitParams(target, traits);
  const a = withImplicitParams(actual, traits);
  if (t.enumName !== null && a.enumName !== null) {
    return t.enumName !== a.enumName || t.arrayDimensions !== a.arrayDimensions;
  }
  return (
    t.name !== a.name ||
    t.length !== a.length ||
    t.precision !== a.precision ||
    t.scale !== a.scale ||
    t.arrayDimensions !== a.arrayDimensions ||
    t.unsigned !== a.unsigned ||
    t.enumName !== a.enumName ||
    JSON.stringify(t.enumValues) !== JSON.stringify(a.enumValues)
  );
}
