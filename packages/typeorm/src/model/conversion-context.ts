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
import { column, formatType, writtenIfDifferent } from "@retort/core";
import { quotingFor } from "@retort/dialects";
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
  /** Each column's `default` option as the entity declared it (by database name), before TypeORM wrote it as SQL. */
  readonly declaredDefaults: ReadonlyMap<string, unknown>;
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
  /** The type as TypeORM writes it, where the engine keeps that text (SQLite). */
  readonly writtenType?: string;
  /** MySQL/MariaDB `ON UPDATE` as TypeORM writes it, before normalisation. */
  readonly writtenOnUpdate?: string | null;
}

/**
 * Assembles a column, normalising its default through the dialect rules and keeping the
 * entity's spelling for migrations to write (docs/typeorm-coexistence.md).
 */
export function modelColumn(name: string, parts: ColumnParts, ctx: ConversionContext): ColumnModel {
  const written = parts.writtenDefault;
  const normalised = written === null ? null : ctx.rules.normalizeDefault(written, parts.type, ctx.dialect);
  const writtenDefault = writtenIfDifferent(written, normalised);
  const writtenType = writtenIfDifferent(parts.writtenType?.toLowerCase(), formatType(parts.type));
  return {
    ...column(name, parts.type, {
      nullable: parts.nullable,
      default: normalised,
      autoIncrement: parts.autoIncrement,
      generated: parts.generated,
      comment: parts.comment,
      collation: parts.collation,
      onUpdate: parts.writtenOnUpdate ? ctx.rules.normalizeDefault(parts.writtenOnUpdate, parts.type, ctx.dialect) : null,
    }),
    ...(writtenType === undefined ? {} : { writtenType }),
    ...(writtenDefault === undefined ? {} : { writtenDefault }),
  };
}

/** A check constraint: its normalised expression, and the entity's own text for migrations. */
export function modelCheck(name: string | null, written: string, ctx: ConversionContext): CheckConstraintModel {
  const expression = ctx.rules.normalizeExpression(written, ctx.dialect);
  const writtenExpression = writtenIfDifferent(written, expression);
  return writtenExpression === undefined ? { name, expression } : { name, expression, writtenExpression };
}

/**
 * TableColumn.default as TypeORM writes it after `DEFAULT`, or `null` when it writes none;
 * a string default as a correctly quoted literal (see stringDefaultLiteral).
 */
export function writtenDefault(c: TypeormTableColumn, facts: TableFacts, ctx: ConversionContext): string | null {
  if (c.default === undefined || c.default === null) return null;
  const written = String(c.default);
  const declared = facts.declaredDefaults.get(c.name);
  return typeof declared === "string" && written === `'${declared}'` ? stringDefaultLiteral(declared, ctx) : written;
}

/**
 * TypeORM writes a string default as `'${value}'` without escaping anything, so
 * `default: "it's"` is broken SQL and `"a\\b"` is an escape sequence on MySQL. retort
 * quotes the value itself for the dialect (README.md, "Data safety"). A value whose
 * quotes are all doubled (`"it''s"`, the workaround TypeORM needs) keeps TypeORM's
 * meaning, `it's`, so a schema TypeORM synchronised stays in sync.
 */
function stringDefaultLiteral(declared: string, ctx: ConversionContext): string {
  const preEscaped = /^(?:[^']|'')*$/.test(declared) && declared.includes("''");
  return quotingFor(ctx.dialect).literal(preEscaped ? declared.replace(/''/g, "'") : declared);
}

export function nonEmpty(text: string | undefined | null): string | null {
  return text ? text : null;
}
