import type {
  CheckConstraintModel,
  Deferrable,
  ForeignKeyModel,
  IndexPart,
  PrimaryKeyModel,
  UniqueConstraintModel,
} from "@retort/core";
import { renderedExpression } from "@retort/core";
import type { Quoting } from "./identifiers";

/** Constraint clauses as CREATE TABLE and ALTER TABLE … ADD write them. */
export interface ConstraintSql {
  primaryKey(pk: PrimaryKeyModel): string;
  unique(u: UniqueConstraintModel): string;
  foreignKey(fk: ForeignKeyModel): string;
  check(c: CheckConstraintModel): string;
}

export function columnList(q: Quoting, columns: readonly string[]): string {
  return `(${columns.map(q.ident).join(", ")})`;
}

export function indexPartsSql(q: Quoting, parts: readonly IndexPart[], wrapExpression: (e: string) => string): string {
  const one = (p: IndexPart) =>
    `${p.column !== null ? q.ident(p.column) : wrapExpression(p.expression ?? "")}${p.descending ? " DESC" : ""}`;
  return `(${parts.map(one).join(", ")})`;
}

/**
 * `explicitActions`: MySQL reports an omitted action as RESTRICT but a written NO ACTION
 * as NO ACTION, so the model's NO ACTION is written out there.
 */
export function constraintSql(q: Quoting, options: { deferrable: boolean; explicitActions?: boolean }): ConstraintSql {
  const named = (name: string | null, body: string) => (name === null ? body : `CONSTRAINT ${q.ident(name)} ${body}`);
  const deferrable = (d: Deferrable | null) =>
    options.deferrable && d !== null ? ` DEFERRABLE INITIALLY ${d === "deferred" ? "DEFERRED" : "IMMEDIATE"}` : "";
  return {
    primaryKey: (pk) => named(pk.name, `PRIMARY KEY ${columnList(q, pk.columns)}`),
    unique: (u) => named(u.name, `UNIQUE ${columnList(q, u.columns)}${deferrable(u.deferrable)}`),
    foreignKey: (fk) =>
      named(
        fk.name,
        `FOREIGN KEY ${columnList(q, fk.columns)} REFERENCES ${q.qualified(fk.referencedSchema, fk.referencedTable)} ` +
          `${columnList(q, fk.referencedColumns)}` +
          (fk.onDelete === "NO ACTION" && !options.explicitActions ? "" : ` ON DELETE ${fk.onDelete}`) +
          (fk.onUpdate === "NO ACTION" && !options.explicitActions ? "" : ` ON UPDATE ${fk.onUpdate}`) +
          deferrable(fk.deferrable),
      ),
    check: (c) => named(c.name, `CHECK (${renderedExpression(c)})`),
  };
}
