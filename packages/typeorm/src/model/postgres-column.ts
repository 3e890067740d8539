import { columnType, type AutoIncrementKind, type ColumnType, type EnumTypeModel } from "@retort/core";
import type { TypeormTableColumn } from "../typeorm-shapes";
import {
  modelColumn,
  nonEmpty,
  writtenDefault,
  type ColumnConverter,
  type ConversionContext,
  type TableFacts,
} from "./conversion-context";

/** The type TypeORM's SERIAL family stands for (PostgresQueryRunner.buildCreateColumnSql). */
const SERIAL_TYPES: Readonly<Record<string, string>> = {
  integer: "integer",
  int: "integer",
  int4: "integer",
  smallint: "smallint",
  int2: "smallint",
  bigint: "bigint",
  int8: "bigint",
};

/** A column as PostgresQueryRunner.buildCreateColumnSql writes it. */
export const postgresColumn: ColumnConverter = (c, facts, ctx) => {
  const isEnum = c.type === "enum" || c.type === "simple-enum";
  const enumType = isEnum ? postgresEnumType(c, facts) : null;
  const type = enumType ? enumColumnType(c, enumType) : postgresType(c, ctx);
  const uuidDefault = c.isGenerated && c.generationStrategy === "uuid" && !c.default ? (ctx.driver.uuidGenerator ?? null) : null;
  const column = modelColumn(
    c.name,
    {
      type,
      nullable: c.isNullable === true,
      writtenDefault: writtenDefault(c, facts, ctx) ?? uuidDefault,
      autoIncrement: postgresAutoIncrement(c),
      // PostgreSQL has only STORED generated columns; TypeORM writes nothing for VIRTUAL.
      generated:
        c.generatedType === "STORED" && c.asExpression
          ? { expression: ctx.rules.normalizeExpression(c.asExpression, ctx.dialect), stored: true }
          : null,
      comment: nonEmpty(c.comment),
      collation: nonEmpty(c.collation),
    },
    ctx,
  );
  return { column, enumType, checks: [] };
};

function postgresType(c: TypeormTableColumn, ctx: ConversionContext): ColumnType {
  if (c.isGenerated && c.generationStrategy !== "uuid") {
    // Identity columns are written with the bare type; the rest become SERIAL/SMALLSERIAL/BIGSERIAL.
    const written = c.generationStrategy === "identity" ? c.type : (SERIAL_TYPES[c.type] ?? c.type);
    return ctx.rules.parseType(written, ctx.dialect);
  }
  return ctx.rules.parseType(ctx.driver.createFullType(c), ctx.dialect);
}

function postgresAutoIncrement(c: TypeormTableColumn): AutoIncrementKind | null {
  if (!c.isGenerated || c.generationStrategy === "uuid") return null;
  if (c.generationStrategy === "identity") return c.generatedIdentity === "ALWAYS" ? "identity-always" : "identity-by-default";
  return "serial";
}

/**
 * The enum type TypeORM creates for a column (PostgresQueryRunner.buildEnumName):
 * `enumName`, else `<table>_<column lower-cased>_enum`, in the table's schema.
 */
function postgresEnumType(c: TypeormTableColumn, facts: TableFacts): EnumTypeModel {
  return {
    schema: facts.schema,
    name: c.enumName ?? `${facts.name}_${c.name.toLowerCase()}_enum`,
    values: (c.enum ?? []).map(String),
  };
}

function enumColumnType(c: TypeormTableColumn, e: EnumTypeModel): ColumnType {
  return columnType("enum", {
    enumName: e.schema === null ? e.name : `${e.schema}.${e.name}`,
    enumValues: e.values,
    arrayDimensions: c.isArray ? 1 : 0,
  });
}
