import fc from "fast-check";
import {
  column,
  columnType,
  sortModel,
  table,
  type CheckConstraintModel,
  type ColumnModel,
  type DialectName,
  type EnumTypeModel,
  type ForeignKeyModel,
  type IndexModel,
  type ReferentialAction,
  type SchemaModel,
  type TableModel,
  type UniqueConstraintModel,
} from "@retort/core";

/**
 * Random-ish models drawn from a small pool of names, so that two draws overlap a lot:
 * the same tables with other columns, the same index names on other columns, etc.
 * Names of keys and constraints are derived from their definition, so an object
 * matched by signature also has the same name (the property checks exact equality).
 */
const TABLES = ["a", "b", "c", "d"];
const COLUMNS = ["id", "x", "y", "z"];
const ACTIONS: ReferentialAction[] = ["NO ACTION", "CASCADE", "SET NULL"];
const ENUMS = ["mood", "size"];
const VALUES = ["p", "q", "r", "s"];

const typeArb = fc.oneof(
  fc.constant(columnType("integer")),
  fc.constant(columnType("text")),
  fc.integer({ min: 1, max: 3 }).map((n) => columnType("varchar", { length: n * 10 })),
  fc.constant(columnType("numeric", { precision: 10, scale: 2 })),
);

const subset = (pool: readonly string[]) => fc.subarray([...pool], { minLength: 1 });

function columnArb(name: string, dialect: DialectName, enums: readonly EnumTypeModel[]): fc.Arbitrary<ColumnModel> {
  const enumTypes = enums.map((e) => fc.constant(columnType("enum", { enumName: e.name, enumValues: e.values })));
  const types = dialect === "postgres" && enumTypes.length > 0 ? fc.oneof(typeArb, ...enumTypes) : typeArb;
  return fc
    .record({
      type: types,
      nullable: fc.boolean(),
      default: fc.constantFrom(null, "0", "'v'"),
      comment: dialect === "sqlite" ? fc.constant(null) : fc.constantFrom(null, "note", "it's"),
      autoIncrement: dialect === "postgres" ? fc.constantFrom(null, null, "identity-always" as const) : fc.constant(null),
    })
    .map((f) => column(name, f.type, f));
}

function tableArb(name: string, dialect: DialectName, enums: readonly EnumTypeModel[]): fc.Arbitrary<TableModel> {
  return subset(COLUMNS).chain((names) => {
    const cols = fc.tuple(...names.map((n) => columnArb(n, dialect, enums)));
    const someColumns = fc.subarray(names, { minLength: 1 });
    const index: fc.Arbitrary<IndexModel> = fc
      .record({ columns: someColumns, unique: fc.boolean(), where: fc.constantFrom(null, "(x > 0)") })
      .map((i) => ({
        name: `IDX_${name}_${i.columns.join("_")}`,
        parts: i.columns.map((c) => ({ column: c, expression: null, descending: false })),
        unique: i.unique,
        where: i.where,
        method: null,
      }));
    const unique: fc.Arbitrary<UniqueConstraintModel> = someColumns.map((columns) => ({ name: `UQ_${name}_${columns.join("_")}`, columns, deferrable: null }));
    const check: fc.Arbitrary<CheckConstraintModel> = fc
      .constantFrom("(id > 0)", "(x <> 0)", "(y IS NOT NULL)")
      .map((expression) => ({ name: dialect === "sqlite" ? null : `CHK_${expression.replace(/\W/g, "")}`, expression }));
    const foreignKey: fc.Arbitrary<ForeignKeyModel> = fc
      .record({ columns: someColumns, to: fc.constantFrom(...TABLES), onDelete: fc.constantFrom(...ACTIONS) })
      .map((f) => ({
        name: `FK_${name}_${f.columns.join("_")}_${f.to}_${f.onDelete.replace(" ", "")}`,
        columns: f.columns,
        referencedSchema: null,
        referencedTable: f.to,
        referencedColumns: f.columns.map(() => "id"),
        onDelete: f.onDelete,
        onUpdate: "NO ACTION",
        deferrable: null,
      }));
    const byName = <T extends { name: string | null }>(xs: T[]) => [...new Map(xs.map((x) => [x.name ?? x, x])).values()];
    return fc
      .record({
        columns: cols,
        primaryKey: fc.option(someColumns, { nil: null }),
        indexes: fc.array(index, { maxLength: 2 }),
        uniques: fc.array(unique, { maxLength: 2 }),
        checks: fc.array(check, { maxLength: 2 }),
        foreignKeys: fc.array(foreignKey, { maxLength: 2 }),
        comment: dialect === "sqlite" ? fc.constant(null) : fc.constantFrom(null, "t"),
      })
      .map((t) =>
        table(name, {
          ...t,
          primaryKey: t.primaryKey && { name: `PK_${name}_${t.primaryKey.join("_")}`, columns: t.primaryKey },
          indexes: byName(t.indexes),
          uniques: byName(t.uniques),
          checks: dialect === "sqlite" ? [...new Map(t.checks.map((c) => [c.expression, c])).values()] : byName(t.checks),
          foreignKeys: byName(t.foreignKeys),
        }),
      );
  });
}

export function modelArb(dialect: DialectName): fc.Arbitrary<SchemaModel> {
  const enumsArb: fc.Arbitrary<EnumTypeModel[]> =
    dialect === "postgres"
      ? fc.subarray(ENUMS).chain((names) => fc.tuple(...names.map((n) => fc.shuffledSubarray(VALUES, { minLength: 1 }).map((values) => ({ schema: null, name: n, values })))))
      : fc.constant([]);
  return enumsArb.chain((enums) =>
    subset(TABLES)
      .chain((names) => fc.tuple(...names.map((n) => tableArb(n, dialect, enums))))
      .map((tables) => sortModel({ dialect, defaultSchema: dialect === "postgres" ? "public" : "main", schemas: [], tables, enums, views: [] })),
  );
}

/** A model with column order left out: the comparator does not compare it. */
export function withoutColumnOrder(m: SchemaModel): SchemaModel {
  return sortModel({
    ...m,
    tables: m.tables.map((t) => ({ ...t, columns: [...t.columns].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)) })),
  });
}
