import type {
  AutoIncrementKind,
  CheckConstraintModel,
  ColumnModel,
  ColumnType,
  DialectName,
  DialectRules,
  EnumTypeModel,
  GeneratedColumn,
} from "@retort/core";
import { column } from "@retort/core";
import type { TypeormDriver, TypeormNamingStrategy, TypeormTable, TypeormTableColumn } from "../typeorm-shapes";
import type { DialectFamily } from "./target-dialect";

/** What every step of the conversion reads: the target, its rules and TypeORM's own objects. */
export interface ConversionContext {
  readonly family: DialectFamily;
  readonly dialect: DialectName;
  readonly rules: DialectRules;
  readonly driver: TypeormDriver;
  readonly naming: TypeormNamingStrategy;
  /** The schema whose tables get `schema: null` (PostgreSQL). */
  readonly defaultSchema: string;
}

/** One table as TypeORM's `Table.create()` sees it, with its place in the model. */
export interface TableFacts {
  readonly table: TypeormTable;
  /** `null` in the default schema. */
  readonly schema: string | null;
  readonly name: string;
  /** Indexes an @Index declared (the others TypeORM made from unique constraints, on MySQL). */
  readonly declaredIndexes: ReadonlySet<string>;
}

/** A converted column, with what it adds to its table or the model. */
export interface ConvertedColumn {
  readonly column: ColumnModel;
  readonly enumType: EnumTypeModel | null;
  readonly checks: readonly CheckConstraintModel[];
}

export type ColumnConverter = (c: TypeormTableColumn, facts: TableFacts, ctx: ConversionContext) => ConvertedColumn;

export interface ColumnParts {
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** The default expression exactly as TypeORM writes it, before normalisation. */
  readonly writtenDefault: string | null;
  readonly autoIncrement: AutoIncrementKind | null;
  readonly generated: GeneratedColumn | null;
  readonly comment: string | null;
  readonly collation: string | null;
}

/** Assembles a column, normalising its default through the dialect rules. */
export function modelColumn(name: string, parts: ColumnParts, ctx: ConversionContext): ColumnModel {
  const written = parts.writtenDefault;
  return column(name, parts.type, {
    nullable: parts.nullable,
    default: written === null ? null : ctx.rules.normalizeDefault(written, parts.type, ctx.dialect),
    autoIncrement: parts.autoIncrement,
    generated: parts.generated,
    comment: parts.comment,
    collation: parts.collation,
  });
}

/** TableColumn.default as TypeORM writes it after `DEFAULT`, or `null` when it writes none. */
export function writtenDefault(c: TypeormTableColumn): string | null {
  return c.default === undefined || c.default === null ? null : String(c.default);
}

export function nonEmpty(text: string | undefined | null): string | null {
  return text ? text : null;
}
