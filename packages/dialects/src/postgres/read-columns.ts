import { columnType, type AutoIncrementKind, type ColumnModel, type ColumnType } from "@retort/core";
import type { ColumnRow, EnumRow } from "./catalog-queries";
import type { CatalogNormalizer } from "./catalog-normalizer";

const IDENTITY: Readonly<Record<string, AutoIncrementKind>> = { a: "identity-always", d: "identity-by-default" };

/** One pg_attribute row as a model column. */
export function readColumn(
  row: ColumnRow,
  enums: ReadonlyMap<number, EnumRow>,
  defaultSchema: string,
  normalize: CatalogNormalizer,
): ColumnModel {
  const type = columnTypeOf(row, enums, defaultSchema, normalize);
  const serial = row.serial && row.default_expr !== null && /^nextval\(/i.test(row.default_expr);
  const generated = row.generated === "s" && row.default_expr !== null;
  const autoIncrement = IDENTITY[row.identity] ?? (serial ? "serial" : null);
  return {
    name: row.name,
    type,
    nullable: !row.not_null,
    default: serial || generated || row.default_expr === null ? null : normalize.default(row.default_expr, type),
    autoIncrement,
    generated: generated ? { expression: normalize.expression(row.default_expr!), stored: true } : null,
    comment: row.comment,
    collation: row.collation,
    onUpdate: null,
  };
}

function columnTypeOf(
  row: ColumnRow,
  enums: ReadonlyMap<number, EnumRow>,
  defaultSchema: string,
  normalize: CatalogNormalizer,
): ColumnType {
  const parsed = normalize.type(row.type);
  const enumType = row.enum_oid === null ? undefined : enums.get(row.enum_oid);
  if (!enumType) return parsed;
  return columnType("enum", {
    arrayDimensions: parsed.arrayDimensions,
    enumValues: enumType.values,
    enumName: enumType.schema === defaultSchema ? enumType.name : `${enumType.schema}.${enumType.name}`,
  });
}
