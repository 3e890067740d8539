import { UnrenderableValueError } from "../errors";

/** Lines longer than this are broken one element per line (prettier reflows them anyway). */
const MAX_LINE = 100;
const INDENT = "  ";

/**
 * A plain value written as TypeScript source: strings double-quoted, object keys bare
 * where they are identifiers, `undefined` properties left out. Deterministic: keys keep
 * their insertion order.
 */
export function literal(value: unknown, where = "an operation", column = 0): string {
  const flat = flatWithin(value, where, MAX_LINE - column);
  return flat ?? brokenLiteral(value as object, where, column);
}

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null && !(value instanceof Date);
}

/**
 * The value on one line, or `null` as soon as it is known not to fit in `budget`
 * characters (scalars always fit: they cannot be broken). Stopping early keeps large
 * values (a 1000-column createTable) linear instead of rendering them flat at each depth.
 */
function flatWithin(value: unknown, where: string, budget: number): string | null {
  if (!isContainer(value)) return scalar(value, where);
  const isArray = Array.isArray(value);
  const items: unknown[] = isArray ? (value as unknown[]) : objectEntries(value, where);
  if (items.length === 0) return isArray ? "[]" : "{}";
  const parts: string[] = [];
  let used = isArray ? 2 : 4;
  for (const item of items) {
    const [prefix, v] = isArray ? ["", item] : [`${key((item as [string, unknown])[0])}: `, (item as [string, unknown])[1]];
    const rendered = flatWithin(v, where, budget - used - prefix.length);
    if (rendered === null) return null;
    used += prefix.length + rendered.length + (parts.length > 0 ? 2 : 0);
    if (used > budget) return null;
    parts.push(prefix + rendered);
  }
  return isArray ? `[${parts.join(", ")}]` : `{ ${parts.join(", ")} }`;
}

function brokenLiteral(value: object, where: string, column: number): string {
  const inner = column + INDENT.length;
  const items = Array.isArray(value)
    ? value.map((v: unknown) => literal(v, where, inner))
    : objectEntries(value, where).map(([k, v]) => `${key(k)}: ${literal(v, where, inner + key(k).length + 2)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  const body = items.map((item) => INDENT + item.replaceAll("\n", `\n${INDENT}`) + ",").join("\n");
  return `${open}\n${body}\n${close}`;
}

function objectEntries(value: object, where: string): [string, unknown][] {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new UnrenderableValueError(value, where);
  return Object.entries(value).filter(([, v]) => v !== undefined);
}

function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
}

function scalar(value: unknown, where: string): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new UnrenderableValueError(value, where);
      return Object.is(value, -0) ? "0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
      return String(value);
    case "undefined":
      return "undefined";
    default:
      if (value === null) return "null";
      if (value instanceof Date && !Number.isNaN(value.getTime())) return `new Date(${JSON.stringify(value.toISOString())})`;
      throw new UnrenderableValueError(value, where);
  }
}
