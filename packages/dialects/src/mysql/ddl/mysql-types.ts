import { columnType, type ColumnType } from "@retort/core";
import { MYSQL_QUOTING as q } from "../../ddl/identifiers";
import { typeModifiers } from "../../ddl/portable-type";
import type { RenderContext } from "../../ddl/render-context";
import { UnsupportedOperationError } from "../../ddl/unsupported";

/** A portable type name MySQL lacks, and the MySQL type that stands in for it. */
interface TypeMapping {
  readonly to: string;
  /** A fixed length the stand-in always has (`tinyint(1)`, `char(36)`). */
  readonly length?: number;
  /** Keep `(n)` / `(p,s)` from the portable type. */
  readonly keepModifiers: boolean;
  /** Server versions that have the portable type natively, so no stand-in is needed. */
  readonly nativeSince?: { readonly mariadb?: string; readonly mysql?: string };
}

/** The data table behind every portable → MySQL/MariaDB type decision. */
export const MYSQL_TYPE_FROM_PORTABLE: Readonly<Record<string, TypeMapping>> = {
  boolean: { to: "tinyint", length: 1, keepModifiers: false },
  integer: { to: "int", keepModifiers: true },
  jsonb: { to: "json", keepModifiers: false },
  timestamptz: { to: "timestamp", keepModifiers: true },
  timetz: { to: "time", keepModifiers: true },
  "double precision": { to: "double", keepModifiers: false },
  real: { to: "float", keepModifiers: false },
  numeric: { to: "decimal", keepModifiers: true },
  bytea: { to: "longblob", keepModifiers: false },
  citext: { to: "text", keepModifiers: false },
  // MariaDB 10.7 added a native UUID type (https://mariadb.com/kb/en/uuid-data-type/); MySQL has none.
  uuid: { to: "char", length: 36, keepModifiers: false, nativeSince: { mariadb: "10.7" } },
  // MySQL refuses a varchar without a length.
  varchar: { to: "varchar", length: 255, keepModifiers: true },
};

/** `10.11.6-MariaDB-1` ≥ `10.7`? */
function versionAtLeast(version: string, minimum: string): boolean {
  const have = version.split(/[.-]/).map((p) => parseInt(p, 10));
  const want = minimum.split(".").map(Number);
  for (let i = 0; i < want.length; i++) {
    const h = have[i] ?? 0;
    if (h !== want[i]) return h > want[i]!;
  }
  return true;
}

function isNative(mapping: TypeMapping, ctx: RenderContext): boolean {
  const since = ctx.dialect === "mariadb" ? mapping.nativeSince?.mariadb : mapping.nativeSince?.mysql;
  return since !== undefined && ctx.serverVersion !== null && versionAtLeast(ctx.serverVersion, since);
}

/** The portable type as the MySQL/MariaDB type that stores it. */
export function mysqlColumnType(t: ColumnType, ctx: RenderContext): ColumnType {
  if (t.arrayDimensions > 0) {
    throw new UnsupportedOperationError(
      "MySQL/MariaDB",
      `store the array type ${t.name}[]`,
      "Use a json column instead.",
    );
  }
  const mapping = MYSQL_TYPE_FROM_PORTABLE[t.name];
  if (!mapping || isNative(mapping, ctx)) return t;
  const kept = mapping.keepModifiers ? t : columnType(t.name);
  return { ...kept, name: mapping.to, length: kept.length ?? mapping.length ?? null };
}

/** `varchar(20)`, `int unsigned`, `enum('a','b')`, `decimal(10,2)`. */
export function formatMysqlType(t: ColumnType, ctx: RenderContext): string {
  const mapped = mysqlColumnType(t, ctx);
  if (mapped.enumValues !== null && (mapped.name === "enum" || mapped.name === "set")) {
    return `${mapped.name}(${mapped.enumValues.map(q.literal).join(",")})`;
  }
  return `${mapped.name}${typeModifiers(mapped)}${mapped.unsigned ? " unsigned" : ""}`;
}
