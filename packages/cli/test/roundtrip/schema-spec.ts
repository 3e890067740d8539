/**
 * The round-trip property's entity sets as plain data: small enough for fast-check to
 * generate and shrink, turned into TypeORM EntitySchemas by entity-schemas.ts.
 */
export type Family = "postgres" | "mysql" | "sqlite";

export type ColumnKind = "int" | "bigint" | "varchar" | "text" | "boolean" | "decimal" | "timestamp" | "enum";

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** varchar length. */
  readonly length: number;
  /** decimal precision and scale. */
  readonly precision: number;
  readonly scale: number;
  readonly nullable: boolean;
  /** Index into DEFAULTS[kind], or null for no default. */
  readonly defaultChoice: number | null;
  readonly unique: boolean;
  /** PostgreSQL native enum labels (kind "enum" only). */
  readonly enumValues: readonly string[];
}

/** An index (`indices`), or with `kind: "constraint"` a unique constraint (EntitySchema `uniques`). */
export interface IndexSpec {
  readonly name: string;
  readonly columns: readonly string[];
  readonly kind: "index" | "unique" | "constraint";
}

export type OnDelete = "CASCADE" | "SET NULL" | null;

/** A many-to-one relation: a nullable `<name>_id` column referencing `target`'s id. */
export interface FkSpec {
  readonly name: string;
  readonly target: string;
  readonly onDelete: OnDelete;
}

export interface EntitySpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  readonly indexes: readonly IndexSpec[];
  readonly fks: readonly FkSpec[];
}

export interface SchemaSpec {
  readonly entities: readonly EntitySpec[];
}

/**
 * Literal defaults per kind (timestamp's is a SQL function). No quotes inside: TypeORM
 * writes string defaults between quotes unescaped (`'it's'`), so users escape them.
 */
export const DEFAULTS: Readonly<Record<ColumnKind, readonly (string | number | boolean)[]>> = {
  int: [0, 7, -3],
  // A widened column keeps its default: bigint's and text's start with int's and varchar's.
  bigint: [0, 7, -3, 42],
  // At most 8 characters: the shortest generated varchar (MySQL refuses a longer default).
  varchar: ["x", "hi there", ""],
  text: ["x", "hi there", "", "note"],
  boolean: [true, false],
  decimal: [0, 1.5, 12],
  timestamp: ["CURRENT_TIMESTAMP"],
  enum: [0],
};

/** PostgreSQL enum labels (a quote and a space among them). */
export const ENUM_LABELS = ["red", "green", "blue", "dark red", "it's"] as const;

export const ENTITY_NAMES = ["t_a", "t_b", "t_c", "t_d", "t_e", "t_f"] as const;
export const COLUMN_NAMES = ["c_0", "c_1", "c_2", "c_3", "c_4", "c_5", "c_6", "c_7"] as const;
export const FK_NAMES = ["f_0", "f_1", "f_2"] as const;
export const MAX_ENTITIES = 5;
export const MAX_COLUMNS = 6;
export const MAX_INDEXES = 3;

export const fkColumn = (fk: FkSpec): string => `${fk.name}_id`;

/** The kinds a family supports here: native enums are PostgreSQL's. */
export function kindsFor(family: Family): readonly ColumnKind[] {
  const all: ColumnKind[] = ["int", "bigint", "varchar", "text", "boolean", "decimal", "timestamp"];
  return family === "postgres" ? [...all, "enum"] : all;
}

/** Whether a column may be part of an index or unique constraint on the family. */
export function indexable(column: ColumnSpec, family: Family): boolean {
  // MySQL cannot index TEXT without a prefix length, which TypeORM cannot declare.
  return !(family === "mysql" && column.kind === "text");
}

/**
 * Makes a spec valid for the family: drops what an engine or TypeORM would refuse or
 * what the spec could not express unambiguously (two indexes on the same columns, an
 * index naming a dropped column, an FK to a dropped entity).
 */
export function sanitize(spec: SchemaSpec, family: Family): SchemaSpec {
  const names = new Set(spec.entities.map((e) => e.name));
  return {
    entities: spec.entities.map((e) => {
      const columns = e.columns.map((c) => (c.unique && !indexable(c, family) ? { ...c, unique: false } : c));
      const byName = new Map(columns.map((c) => [c.name, c]));
      const seen = new Set(columns.filter((c) => c.unique).map((c) => c.name));
      const indexes = e.indexes.filter((i) => {
        const key = i.columns.join(",");
        const ok = i.columns.length > 0 && i.columns.every((n) => byName.has(n) && indexable(byName.get(n)!, family)) && !seen.has(key);
        if (ok) seen.add(key);
        return ok;
      });
      return { ...e, columns, indexes, fks: e.fks.filter((f) => names.has(f.target)) };
    }),
  };
}

export function tableNames(spec: SchemaSpec): string[] {
  return spec.entities.map((e) => e.name);
}

/** Data columns of an entity (id and FK columns aside), by name. */
export function columnsOf(spec: SchemaSpec, entity: string): ReadonlyMap<string, ColumnSpec> {
  const e = spec.entities.find((x) => x.name === entity);
  return new Map((e?.columns ?? []).map((c) => [c.name, c]));
}
