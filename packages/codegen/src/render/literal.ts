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
  const flat = flatLiteral(value, where);
  if (column + flat.length <= MAX_LINE || !isContainer(value)) return flat;
  return brokenLiteral(value, where, column);
}

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null && !(value instanceof Date);
}

function flatLiteral(value: unknown, where: string): string {
  if (Array.isArray(value)) return `[${value.map((v) => flatLiteral(v, where)).join(", ")}]`;
  if (isContainer(value)) {
    const entries = objectEntries(value, where).map(([k, v]) => `${key(k)}: ${flatLiteral(v, where)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return scalar(value, where);
}

function brokenLiteral(value: object, where: string, column: number): string {
  const inner = column + INDENT.length;
  const items = Array.isArray(value)
    ? value.map((v) => literal(v, where, inner))
    : objectEntries(value, where).map(([k, v]) => `${key(k)}: ${literal(v, where, inner + key(k).length + 2)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (items.length === 0) return `${open}${close}`;
  const body = items.map((item) => INDENT + item.replace(/\n/g, `\n${INDENT}`) + ",").join("\n");
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
