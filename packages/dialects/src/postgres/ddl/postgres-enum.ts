import type { AlterEnumOp } from "@retort/core";
import { POSTGRES_QUOTING as q } from "../../ddl/identifiers";

/**
 * The statements that move an enum type from one value list to another. Values only
 * added (order of the old ones kept) use `ALTER TYPE … ADD VALUE`
 * (https://www.postgresql.org/docs/15/sql-altertype.html); anything else rebuilds the type.
 */
export function alterPostgresEnum(op: AlterEnumOp): string[] {
  const { from, to } = op.values;
  return keepsOrder(from, to) ? addValues(op, from, to) : rebuildEnum(op);
}

/** Every old value is still there, in the same relative order. */
function keepsOrder(from: readonly string[], to: readonly string[]): boolean {
  const positions = from.map((v) => to.indexOf(v));
  return positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!));
}

function addValues(op: AlterEnumOp, from: readonly string[], to: readonly string[]): string[] {
  const type = q.qualified(op.schema, op.name);
  const present = new Set(from);
  const lastOld = Math.max(-1, ...from.map((v) => to.indexOf(v)));
  return to.flatMap((value, i) => {
    if (present.has(value)) return [];
    present.add(value);
    const where = i > lastOld ? "" : i === 0 ? ` BEFORE ${q.literal(from[0]!)}` : ` AFTER ${q.literal(to[i - 1]!)}`;
    return [`ALTER TYPE ${type} ADD VALUE ${q.literal(value)}${where}`];
  });
}

/** Postgres caps identifiers at 63 bytes (NAMEDATALEN - 1). */
const oldTypeName = (name: string) => `_retort_old_${name}`.slice(0, 63);

/** `%` is format()'s placeholder: a literal one in a name must be doubled. */
const forFormat = (s: string) => s.replace(/%/g, "%%");

/**
 * Removing or reordering values: rename the old type, create the new one, move every
 * column typed with it or an array of it (found in the catalog when the statement runs, so `--sql` output
 * stays right) through `::text`, restoring defaults, then drop the old type. A row whose
 * value no longer exists makes the cast fail, and the transaction leaves everything as it was.
 */
function rebuildEnum(op: AlterEnumOp): string[] {
  const type = q.qualified(op.schema, op.name);
  const old = q.qualified(op.schema, oldTypeName(op.name));
  const alter = (action: string) => q.literal(`ALTER TABLE %I.%I ALTER COLUMN %I ${action}`);
  const body = [
    "DECLARE",
    "  r record;",
    `  old_type text := ${q.literal(old)}::regtype::text;`,
    `  old_oid oid := ${q.literal(old)}::regtype::oid;`,
    "BEGIN",
    "  FOR r IN",
    "    SELECT n.nspname AS schema_name, c.relname AS table_name, a.attname AS column_name,",
    "           pg_get_expr(d.adbin, d.adrelid) AS default_sql, a.atttypid <> old_oid AS is_array",
    "    FROM pg_attribute a",
    "    JOIN pg_class c ON c.oid = a.attrelid",
    "    JOIN pg_namespace n ON n.oid = c.relnamespace",
    "    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum",
    "    WHERE a.atttypid IN (old_oid, (SELECT typarray FROM pg_type WHERE oid = old_oid))",
    "      AND a.attnum > 0 AND NOT a.attisdropped",
    "      AND c.relkind IN ('r', 'p') AND NOT c.relispartition",
    "  LOOP",
    "    IF r.default_sql IS NOT NULL THEN",
    `      EXECUTE format(${alter("DROP DEFAULT")}, r.schema_name, r.table_name, r.column_name);`,
    "    END IF;",
    "    IF r.is_array THEN",
    `      EXECUTE format(${alter(`TYPE ${forFormat(type)}[] USING %I::text[]::${forFormat(type)}[]`)},`,
    "        r.schema_name, r.table_name, r.column_name, r.column_name);",
    "    ELSE",
    `      EXECUTE format(${alter(`TYPE ${forFormat(type)} USING %I::text::${forFormat(type)}`)},`,
    "        r.schema_name, r.table_name, r.column_name, r.column_name);",
    "    END IF;",
    "    IF r.default_sql IS NOT NULL THEN",
    `      EXECUTE format(${alter("SET DEFAULT %s")}, r.schema_name, r.table_name, r.column_name,`,
    `        replace(r.default_sql, '::' || old_type, ${q.literal(`::${type}`)}));`,
    "    END IF;",
    "  END LOOP;",
    "END",
  ].join("\n");
  return [
    `ALTER TYPE ${type} RENAME TO ${q.ident(oldTypeName(op.name))}`,
    `CREATE TYPE ${type} AS ENUM (${op.values.to.map(q.literal).join(", ")})`,
    `DO $retort$\n${body}\n$retort$`,
    `DROP TYPE ${old}`,
  ];
}
