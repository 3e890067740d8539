import fc from "fast-check";
import { applyChange, type Change } from "./changes";
import {
  COLUMN_NAMES,
  DEFAULTS,
  ENTITY_NAMES,
  ENUM_LABELS,
  FK_NAMES,
  kindsFor,
  MAX_COLUMNS,
  sanitize,
  type ColumnKind,
  type ColumnSpec,
  type EntitySpec,
  type Family,
  type FkSpec,
  type IndexSpec,
  type OnDelete,
  type SchemaSpec,
} from "./schema-spec";

/** One property case: an entity set, then changes applied in turn. */
export interface RoundtripCase {
  readonly initial: SchemaSpec;
  readonly changes: readonly Change[];
}

export function columnArb(family: Family, name = "c_0"): fc.Arbitrary<ColumnSpec> {
  return fc
    .record({
      kind: fc.constantFrom<ColumnKind>(...kindsFor(family)),
      length: fc.integer({ min: 8, max: 200 }),
      precision: fc.integer({ min: 4, max: 12 }),
      scaleSeed: fc.nat(4),
      nullable: fc.boolean(),
      defaultSeed: fc.option(fc.nat(5), { freq: 2 }),
      unique: fc.boolean(),
      enumValues: fc.shuffledSubarray<string>([...ENUM_LABELS], { minLength: 2, maxLength: 4 }),
    })
    .map((r) => ({
      name,
      kind: r.kind,
      length: r.length,
      precision: r.precision,
      // Room for the test rows' integer part (values up to 2).
      scale: Math.min(r.scaleSeed, r.precision - 2),
      nullable: r.nullable,
      defaultChoice: r.defaultSeed === null ? null : r.defaultSeed % DEFAULTS[r.kind].length,
      unique: r.unique && r.kind !== "boolean",
      enumValues: r.kind === "enum" ? r.enumValues : [],
    }));
}

const indexKindArb = fc.constantFrom<IndexSpec["kind"]>("index", "unique", "constraint");

const onDeleteArb = fc.constantFrom<OnDelete>(null, "CASCADE", "SET NULL");

/** An entity with no name of its own yet (`name` is set by the caller). */
function entityArb(family: Family, name: string, targets: readonly string[]): fc.Arbitrary<EntitySpec> {
  return fc
    .record({
      columns: fc.array(columnArb(family), { minLength: 1, maxLength: MAX_COLUMNS - 2 }),
      indexes: fc.array(fc.record({ columns: fc.uniqueArray(fc.nat(MAX_COLUMNS), { minLength: 1, maxLength: 2 }), kind: indexKindArb }), { maxLength: 2 }),
      fks: fc.array(fc.record({ target: fc.constantFrom(...targets, name), onDelete: onDeleteArb }), { maxLength: 2 }),
    })
    .map((r) => {
      const columns = r.columns.map((c, i) => ({ ...c, name: COLUMN_NAMES[i]! }));
      const indexes: IndexSpec[] =
        columns.length === 0
          ? []
          : r.indexes.map((ix, i) => ({
              name: `ix_${name}_${i}`,
              columns: [...new Set(ix.columns.map((n) => columns[n % columns.length]!.name))],
              kind: ix.kind,
            }));
      const fks: FkSpec[] = r.fks.map((f, i) => ({ name: FK_NAMES[i]!, target: f.target, onDelete: f.onDelete }));
      return { name, columns, indexes, fks };
    });
}

/** 1–4 entities, FKs only to entities of the set (itself included). */
export function schemaArb(family: Family): fc.Arbitrary<SchemaSpec> {
  return fc.integer({ min: 1, max: 4 }).chain((n) => {
    const names = ENTITY_NAMES.slice(0, n);
    return fc.tuple(...names.map((name) => entityArb(family, name, names))).map((entities) => sanitize({ entities }, family));
  });
}

export function changeArb(family: Family): fc.Arbitrary<Change> {
  const pick = fc.nat(23);
  return fc.oneof(
    entityArb(family, "t_new", ENTITY_NAMES).map((entity) => ({ kind: "addEntity" as const, entity })),
    pick.map((p) => ({ kind: "dropEntity" as const, pick: p })),
    fc.tuple(pick, columnArb(family)).map(([p, column]) => ({ kind: "addColumn" as const, pick: p, column })),
    fc.tuple(pick, pick).map(([p, c]) => ({ kind: "dropColumn" as const, pick: p, pickColumn: c })),
    fc.tuple(pick, pick).map(([p, c]) => ({ kind: "toggleNullable" as const, pick: p, pickColumn: c })),
    fc.tuple(pick, pick, fc.option(fc.nat(5))).map(([p, c, choice]) => ({ kind: "changeDefault" as const, pick: p, pickColumn: c, choice })),
    fc.tuple(pick, pick, fc.integer({ min: 1, max: 100 })).map(([p, c, by]) => ({ kind: "widenVarchar" as const, pick: p, pickColumn: c, by })),
    fc.tuple(pick, pick).map(([p, c]) => ({ kind: "toggleUnique" as const, pick: p, pickColumn: c })),
    fc.tuple(pick, pick, fc.integer({ min: 1, max: 6 })).map(([p, c, by]) => ({ kind: "widenType" as const, pick: p, pickColumn: c, by })),
    ...(family === "postgres" ? [fc.tuple(pick, pick).map(([p, c]) => ({ kind: "addEnumValue" as const, pick: p, pickColumn: c }))] : []),
    fc.tuple(pick, fc.uniqueArray(pick, { minLength: 1, maxLength: 2 }), indexKindArb).map(([p, cols, indexKind]) => ({ kind: "addIndex" as const, pick: p, pickColumns: cols, indexKind })),
    fc.tuple(pick, pick).map(([p, i]) => ({ kind: "dropIndex" as const, pick: p, pickIndex: i })),
    fc.tuple(pick, pick, onDeleteArb).map(([p, t, onDelete]) => ({ kind: "addFk" as const, pick: p, pickTarget: t, onDelete })),
    fc.tuple(pick, pick).map(([p, f]) => ({ kind: "dropFk" as const, pick: p, pickFk: f })),
    fc.tuple(pick, pick, onDeleteArb).map(([p, f, onDelete]) => ({ kind: "changeFkAction" as const, pick: p, pickFk: f, onDelete })),
  );
}

export function caseArb(family: Family, maxChanges: number): fc.Arbitrary<RoundtripCase> {
  return fc.record({ initial: schemaArb(family), changes: fc.array(changeArb(family), { minLength: 1, maxLength: maxChanges }) });
}

/** The sets a case goes through: the initial one, then one per change that changed something. */
export function statesOf(c: RoundtripCase, family: Family): SchemaSpec[] {
  const states = [c.initial];
  for (const change of c.changes) {
    const next = applyChange(states[states.length - 1]!, change, family);
    if (JSON.stringify(next) !== JSON.stringify(states[states.length - 1])) states.push(next);
  }
  return states;
}
