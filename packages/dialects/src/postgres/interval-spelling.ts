/**
 * An interval literal as PostgreSQL prints it (IntervalStyle `postgres`, the default):
 * `'2 hours'` is stored as `'02:00:00'`, `'P1Y2M'` as `'1 year 2 mons'`. Both sides of a
 * comparison go through here, so a default written either way compares equal
 * (docs/schema-objects.md, "Interval defaults").
 *
 * Reads the verbose form (`[@] N unit … [ago]`, units from microseconds to millennia,
 * `HH:MM[:SS[.f]]` parts) and ISO 8601 designators (`P1Y2M3DT4H5M6S`, `P2W`). Fractions
 * spill into smaller units as the server does (a month is 30 days, a day 24 hours).
 * Anything else gives `null`: the text is then compared as written.
 */

interface Interval {
  months: number;
  days: number;
  micros: number;
}

const MICROS = { second: 1e6, minute: 60e6, hour: 3600e6, day: 86400e6 };

const UNITS: ReadonlyMap<string, (iv: Interval, n: number) => void> = new Map(
  Object.entries({
    microsecond: (iv: Interval, n: number) => (iv.micros += n),
    millisecond: (iv: Interval, n: number) => (iv.micros += n * 1e3),
    second: (iv: Interval, n: number) => (iv.micros += n * MICROS.second),
    minute: (iv: Interval, n: number) => (iv.micros += n * MICROS.minute),
    hour: (iv: Interval, n: number) => (iv.micros += n * MICROS.hour),
    day: (iv: Interval, n: number) => addDays(iv, n),
    week: (iv: Interval, n: number) => addDays(iv, n * 7),
    month: (iv: Interval, n: number) => addMonths(iv, n),
    year: (iv: Interval, n: number) => addMonths(iv, n * 12),
    decade: (iv: Interval, n: number) => addMonths(iv, n * 120),
    century: (iv: Interval, n: number) => addMonths(iv, n * 1200),
    millennium: (iv: Interval, n: number) => addMonths(iv, n * 12000),
  }),
);

const ALIASES: Readonly<Record<string, string>> = {
  us: "microsecond", usec: "microsecond", usecs: "microsecond", microseconds: "microsecond",
  ms: "millisecond", msec: "millisecond", msecs: "millisecond", milliseconds: "millisecond",
  s: "second", sec: "second", secs: "second", seconds: "second",
  m: "minute", min: "minute", mins: "minute", minutes: "minute",
  h: "hour", hr: "hour", hrs: "hour", hours: "hour",
  d: "day", days: "day", w: "week", weeks: "week",
  mon: "month", mons: "month", months: "month",
  y: "year", yr: "year", yrs: "year", years: "year",
  decades: "decade", centuries: "century", millennia: "millennium", millenniums: "millennium",
};

function addDays(iv: Interval, n: number): void {
  const whole = Math.trunc(n);
  iv.days += whole;
  iv.micros += Math.round((n - whole) * MICROS.day);
}

function addMonths(iv: Interval, n: number): void {
  const whole = Math.trunc(n);
  iv.months += whole;
  addDays(iv, (n - whole) * 30);
}

/** The server's spelling of an interval literal's text (without quotes), or `null` when it is not read here. */
export function canonicalInterval(text: string): string | null {
  const iv = text.trim().toUpperCase().startsWith("P") ? readIso(text.trim().toUpperCase()) : readVerbose(text.trim().toLowerCase());
  return iv === null ? null : printInterval(iv);
}

function readVerbose(text: string): Interval | null {
  const iv: Interval = { months: 0, days: 0, micros: 0 };
  let words = text.replace(/^@\s*/, "").split(/\s+/).filter(Boolean);
  const ago = words[words.length - 1] === "ago";
  if (ago) words = words.slice(0, -1);
  if (words.length === 0) return null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const clock = /^([+-])?(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/.exec(word);
    if (clock) {
      const micros = Number(clock[2]) * MICROS.hour + Number(clock[3]) * MICROS.minute + Math.round(Number(clock[4] ?? 0) * MICROS.second);
      iv.micros += clock[1] === "-" ? -micros : micros;
      continue;
    }
    const glued = /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)([a-z]+)$/.exec(word);
    const [number, unitWord] = glued ? [glued[1]!, glued[2]!] : [word, words[++i]];
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(number)) return null;
    // A last number without a unit counts seconds.
    const unit = unitWord === undefined ? "second" : (ALIASES[unitWord] ?? unitWord);
    const add = UNITS.get(unit);
    if (add === undefined) return null;
    add(iv, Number(number));
  }
  return ago ? { months: -iv.months, days: -iv.days, micros: -iv.micros } : iv;
}

const ISO_DATE: Readonly<Record<string, string>> = { Y: "year", M: "month", W: "week", D: "day" };
const ISO_TIME: Readonly<Record<string, string>> = { H: "hour", M: "minute", S: "second" };

function readIso(text: string): Interval | null {
  const match = /^P((?:[+-]?\d+(?:\.\d+)?[YMWD])*)(?:T((?:[+-]?\d+(?:\.\d+)?[HMS])+))?$/.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return null;
  const iv: Interval = { months: 0, days: 0, micros: 0 };
  const apply = (part: string | undefined, units: Readonly<Record<string, string>>) => {
    for (const [, n, designator] of (part ?? "").matchAll(/([+-]?\d+(?:\.\d+)?)([A-Z])/g)) UNITS.get(units[designator!]!)!(iv, Number(n));
  };
  apply(match[1], ISO_DATE);
  apply(match[2], ISO_TIME);
  return iv;
}

function printInterval(iv: Interval): string {
  const parts: string[] = [];
  let negativeBefore = false;
  const field = (value: number, unit: string) => {
    if (value === 0) return;
    parts.push(`${negativeBefore && value > 0 ? "+" : ""}${value} ${unit}${value === 1 ? "" : "s"}`);
    negativeBefore = value < 0;
  };
  field(Math.trunc(iv.months / 12), "year");
  field(iv.months % 12, "mon");
  field(iv.days, "day");
  if (iv.micros !== 0 || parts.length === 0) {
    const sign = iv.micros < 0 ? "-" : negativeBefore ? "+" : "";
    const abs = Math.abs(iv.micros);
    const hours = Math.floor(abs / MICROS.hour);
    const minutes = Math.floor((abs % MICROS.hour) / MICROS.minute);
    const micros = abs % MICROS.minute;
    const seconds = String(Math.floor(micros / 1e6)).padStart(2, "0");
    const fraction = micros % 1e6 === 0 ? "" : `.${String(micros % 1e6).padStart(6, "0").replace(/0+$/, "")}`;
    parts.push(`${sign}${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}:${seconds}${fraction}`);
  }
  return parts.join(" ");
}
