/**
 * Keys and indexes of one MySQL/MariaDB table from information_schema.STATISTICS and
 * REFERENTIAL_CONSTRAINTS/KEY_COLUMN_USAGE. Two MySQL facts shape the result:
 *
 * 1. Unique index/constraint duality. On MySQL and MariaDB a UNIQUE constraint *is* a
 *    unique index: `UNIQUE KEY u (a)`, `CONSTRAINT u UNIQUE (a)` and
 *    `CREATE UNIQUE INDEX u ON t (a)` leave identical catalog rows (TABLE_CONSTRAINTS
 *    lists all three as UNIQUE), so they cannot be told apart. The rule:
 *      - a unique index whose parts are all plain columns in ascending order (what
 *        `UNIQUE (cols)` can express) is reported in `uniques` only, never in `indexes`;
 *      - a unique index that a constraint cannot express (a descending part, or a MySQL 8
 *        functional part) is reported in `indexes` with `unique: true`.
 *    Column prefix lengths (`KEY (name(10))`, STATISTICS.SUB_PART) are not modelled and
 *    are ignored. The comparator must therefore match a model's unique *index* on plain
 *    columns against the reflected `uniques` (by name) on this family (docs/reference.md §3).
 *
 * 2. Implicit foreign-key indexes. InnoDB creates an index for a foreign key's columns
 *    when no index can serve it, named after the constraint, or after the first column
 *    when the constraint itself was unnamed (`t_ibfk_N`). Such an index is not reported:
 *    an index is dropped from `indexes` when it is non-unique, plain and ascending, has
 *    exactly the FK's columns in order, and is named after the FK (or after its first
 *    column, for an FK named `<table>_ibfk_<n>`). A user index of the same shape and name
 *    is indistinguishable and dropped too.
 *
 * The primary key is always named PRIMARY on this family: reported with `name: null`.
 */
import type {
  ForeignKeyModel,
  IndexModel,
  IndexPart,
  PrimaryKeyModel,
  ReferentialAction,
  UniqueConstraintModel,
} from "@retort/core";
import type { ForeignKeyColumnRow, ReferentialRuleRow, StatisticsRow } from "./catalog-queries";

export interface IndexGroup {
  readonly name: string;
  readonly unique: boolean;
  readonly indexType: string;
  readonly rows: StatisticsRow[];
}

export interface ForeignKeyGroup {
  readonly name: string;
  readonly rows: ForeignKeyColumnRow[];
  rule: ReferentialRuleRow | null;
}

export interface TableKeys {
  readonly primaryKey: PrimaryKeyModel | null;
  readonly indexes: IndexModel[];
  readonly uniques: UniqueConstraintModel[];
}

const ACTIONS: ReadonlySet<string> = new Set(["NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"]);

/**
 * Reported as stored: MariaDB says RESTRICT for an action that was not written and NO
 * ACTION only when written; MySQL 8 says NO ACTION for both. InnoDB treats them alike.
 */
function action(rule: string): ReferentialAction {
  const upper = rule.trim().toUpperCase();
  return (ACTIONS.has(upper) ? upper : "NO ACTION") as ReferentialAction;
}

const byPosition = <T extends { ordinal_position: number | string }>(a: T, b: T) =>
  Number(a.ordinal_position) - Number(b.ordinal_position);

export function buildForeignKey(group: ForeignKeyGroup, defaultSchema: string): ForeignKeyModel {
  const rows = [...group.rows].sort(byPosition);
  const first = rows[0]!;
  return {
    name: group.name,
    columns: rows.map((r) => r.column_name),
    referencedSchema: first.referenced_table_schema === defaultSchema ? null : first.referenced_table_schema,
    referencedTable: first.referenced_table_name,
    referencedColumns: rows.map((r) => r.referenced_column_name),
    onDelete: action(group.rule?.delete_rule ?? ""),
    onUpdate: action(group.rule?.update_rule ?? ""),
    deferrable: null,
  };
}

function partsOf(group: IndexGroup, normalizeExpression: (e: string) => string): IndexPart[] {
  return [...group.rows]
    .sort((a, b) => Number(a.seq_in_index) - Number(b.seq_in_index))
    .map((r) => ({
      column: r.column_name,
      expression: r.column_name === null && r.expression !== null ? normalizeExpression(r.expression) : null,
      descending: r.collation === "D",
    }));
}

function methodOf(indexType: string): string | null {
  const type = indexType.toUpperCase();
  return type === "FULLTEXT" || type === "SPATIAL" ? type.toLowerCase() : null;
}

const plainAscending = (parts: readonly IndexPart[]) => parts.every((p) => p.column !== null && !p.descending);

function sameColumns(parts: readonly IndexPart[], columns: readonly string[]): boolean {
  return parts.length === columns.length && parts.every((p, i) => p.column === columns[i]);
}

/** InnoDB's name for an unnamed foreign key: `<table>_ibfk_<n>`. */
function generatedName(table: string, name: string | null): boolean {
  return name !== null && name.startsWith(`${table}_ibfk_`) && /^\d+$/.test(name.slice(table.length + 6));
}

function isImplicitForeignKeyIndex(table: string, index: IndexModel, foreignKeys: readonly ForeignKeyModel[]): boolean {
  if (index.unique || index.method !== null || !plainAscending(index.parts)) return false;
  return foreignKeys.some(
    (fk) =>
      sameColumns(index.parts, fk.columns) &&
      (index.name === fk.name || (generatedName(table, fk.name) && index.name === fk.columns[0])),
  );
}

/**
 * `include(name, isUnique)` is includeName for `index` or `unique_constraint`. Foreign
 * keys must be built first: they decide which indexes are implicit.
 */
export function buildKeys(
  table: string,
  groups: Iterable<IndexGroup>,
  foreignKeys: readonly ForeignKeyModel[],
  normalizeExpression: (e: string) => string,
  include: (name: string, asUnique: boolean) => boolean,
): TableKeys {
  let primaryKey: PrimaryKeyModel | null = null;
  const indexes: IndexModel[] = [];
  const uniques: UniqueConstraintModel[] = [];
  for (const group of groups) {
    const parts = partsOf(group, normalizeExpression);
    if (group.name === "PRIMARY") {
      primaryKey = { name: null, columns: parts.map((p) => p.column ?? "") };
      continue;
    }
    const method = methodOf(group.indexType);
    if (group.unique && method === null && plainAscending(parts)) {
      if (include(group.name, true)) {
        uniques.push({ name: group.name, columns: parts.map((p) => p.column!), deferrable: null });
      }
      continue;
    }
    const index: IndexModel = { name: group.name, parts, unique: group.unique, where: null, method };
    if (isImplicitForeignKeyIndex(table, index, foreignKeys) || !include(group.name, false)) continue;
    indexes.push(index);
  }
  return { primaryKey, indexes, uniques };
}
