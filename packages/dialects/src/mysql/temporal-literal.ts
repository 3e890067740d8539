/**
 * Canonical text of a date/time literal default, as MariaDB stores it minus padding that
 * carries no meaning: `'2020-1-2'` → `2020-01-02`, `'2020-01-01'` on a datetime →
 * `2020-01-01 00:00:00`, `'10:00'` → `10:00:00`, and fractional seconds without trailing
 * zeros (`.000000` → none, `.10` → `.1`), since a datetime(6) stores `.000000`.
 * Returns null when the text is not a plain literal of that shape (left as written).
 */
export function canonicalTemporal(value: string, typeName: string): string | null {
  if (typeName === "date") return date(value.trim());
  if (typeName === "datetime" || typeName === "timestamp") {
    const m = /^(\d{1,4}-\d{1,2}-\d{1,2})(?:[ T](.+))?$/.exec(value.trim());
    if (!m) return null;
    const day = date(m[1]!);
    const clock = time(m[2] ?? "0:0:0");
    return day && clock ? `${day} ${clock}` : null;
  }
  if (typeName === "time") return time(value.trim());
  return null;
}

const pad = (n: string, width: number) => n.padStart(width, "0");

function date(text: string): string | null {
  const m = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  return m ? `${pad(m[1]!, 4)}-${pad(m[2]!, 2)}-${pad(m[3]!, 2)}` : null;
}

function time(text: string): string | null {
  const m = /^(-?)(\d{1,3}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?$/.exec(text);
  if (!m) return null;
  const fraction = (m[5] ?? "").replace(/0+$/, "");
  return `${m[1]}${pad(m[2]!, 2)}:${pad(m[3]!, 2)}:${pad(m[4] ?? "0", 2)}${fraction ? `.${fraction}` : ""}`;
}
