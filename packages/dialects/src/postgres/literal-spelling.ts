/**
 * Literal values spelled the way the server prints them back, so a literal in DDL and
 * the same value read from the catalog compare equal.
 */

const E_STRING_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
};

/**
 * `E'a\\b'` as a standard string (`'a\b'`), as the server prints it. Escapes other than the
 * simple ones (octal, hex, unicode) leave the literal as written.
 * https://www.postgresql.org/docs/15/sql-syntax-lexical.html#SQL-SYNTAX-STRINGS-ESCAPE
 */
export function standardString(literal: string): string {
  if (!/^[eE]'/.test(literal)) return literal;
  let out = "";
  const body = literal.slice(2, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else if (c === "\\") {
      const escaped = E_STRING_ESCAPES[body[i + 1] ?? ""];
      if (escaped === undefined) return literal;
      out += escaped;
      i++;
    } else out += c;
  }
  return `'${out.replace(/'/g, "''")}'`;
}

/**
 * A numeric literal in exponent form as the plain decimal the server prints (`1e3` is
 * `1000`, `1.50e1` is `15.0`: numeric keeps max(0, fraction digits − exponent) of scale).
 */
export function plainDecimal(literal: string): string {
  const m = /^(-?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(literal);
  if (!m) return literal;
  const [, sign, whole = "", fraction = "", exponentText] = m;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > 1000) return literal;
  const digits = `${whole}${fraction}`;
  const point = whole.length + exponent;
  const scale = Math.max(0, fraction.length - exponent);
  const padded = point <= 0 ? "0".repeat(1 - point) + digits : digits.padEnd(point, "0");
  const at = Math.max(point, 1);
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, "");
  const fracPart = padded.slice(at).padEnd(scale, "0").slice(0, scale);
  return `${sign}${intPart}${scale > 0 ? `.${fracPart}` : ""}`;
}

/**
 * A JSON text as jsonb prints it: `", "` and `": "` separators, object keys shorter first
 * then bytewise, the last of duplicate keys kept. Texts with non-integer numbers (whose
 * printed form depends on numeric's scale rules) are left as written.
 * https://www.postgresql.org/docs/15/datatype-json.html
 */
export function jsonbText(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return printable(value) ? printJsonb(value) : text;
}

function printable(value: unknown): boolean {
  if (typeof value === "number") return Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every(printable);
  if (value !== null && typeof value === "object") return Object.values(value).every(printable);
  return true;
}

function printJsonb(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(printJsonb).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort((a, b) => byteLength(a) - byteLength(b) || compareBytes(a, b));
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${printJsonb((value as Record<string, unknown>)[k])}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}

const byteLength = (s: string) => Buffer.byteLength(s, "utf8");
const compareBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
