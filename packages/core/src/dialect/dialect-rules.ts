import type { ColumnType, DialectName } from "../model/schema-model";

/**
 * A dialect's normalisation rules: the one place that turns SQL as written in DDL
 * (by TypeORM, by a user, by retort's renderers) into the canonical spelling that
 * introspection also produces. Both sides of a comparison go through the same rules,
 * so equal schemas give equal models.
 */
export interface DialectRules {
  /** `mysql` rules serve MariaDB too; engine differences are handled inside. */
  readonly family: "postgres" | "mysql" | "sqlite";
  /**
   * Parses a column type as written in DDL (`int4`, `character varying(20)[]`,
   * `tinyint(1) unsigned`, `numeric(10,2)`) into the canonical ColumnType.
   */
  parseType(sqlType: string, dialect?: DialectName): ColumnType;
  /**
   * Canonical form of a server default as written in DDL (`'abc'::character varying`,
   * `CURRENT_TIMESTAMP`, `now()`, `1`), for a column of the given canonical type.
   * Returns `null` when the expression means "no default" (`NULL`).
   */
  normalizeDefault(expression: string, type: ColumnType, dialect?: DialectName): string | null;
  /** Canonical form of a CHECK expression, index predicate or generated-column expression. */
  normalizeExpression(expression: string, dialect?: DialectName): string;
}
