import { formatType, qualifiedName, type DialectName, type Operation } from "@retort/core";
import { narrowing } from "./type-families";

/**
 * What each engine does with an existing value the narrower type cannot hold, as the
 * data-safety tests pin it (packages/cli/test/data-safety/narrowing.test.ts).
 */
const NARROWING_OUTCOME: Readonly<Record<DialectName, string>> = {
  postgres: "PostgreSQL refuses a value that does not fit (the upgrade fails) and rounds extra decimal places",
  mysql:
    "in strict mode (STRICT_TRANS_TABLES, the server default) MySQL refuses a value that does not fit and rounds extra decimal places; without it, values are cut silently",
  mariadb:
    "in strict mode (STRICT_TRANS_TABLES, the server default) MariaDB refuses a value that does not fit and rounds extra decimal places; without it, values are cut silently",
  sqlite: "SQLite does not enforce declared lengths or sizes: the table copy keeps every value as it was",
};

const where = (op: { schema: string | null; table: string }) => qualifiedName({ schema: op.schema, name: op.table });

/**
 * Why an operation can lose data, or `null`. Written above the call as a
 * `// WARNING:` line and reported by autogen, so nobody drops a column unknowingly.
 */
export function destructiveWarning(op: Operation, dialect: DialectName): string | null {
  switch (op.kind) {
    case "dropTable":
      return `Drops table "${qualifiedName(op.table)}" and all its rows.`;
    case "dropColumn":
      return `Drops column "${where(op)}.${op.column.name}" and its data.`;
    case "alterColumn": {
      const type = op.changes.type;
      const why = type ? narrowing(type.from, type.to, dialect) : null;
      return why === null || !type
        ? null
        : `Narrows "${where(op)}.${op.column}" from ${formatType(type.from)} to ${formatType(type.to)} (${why}): possible data loss; ${NARROWING_OUTCOME[dialect]}.`;
    }
    case "alterEnum": {
      const removed = op.values.from.filter((v) => !op.values.to.includes(v));
      return removed.length === 0
        ? null
        : `Removes value(s) ${removed.map((v) => `"${v}"`).join(", ")} from enum "${qualifiedName(op)}"; rows using them must change first.`;
    }
    default:
      return null;
  }
}
