import { InvalidConfigError } from "./config-errors";
import type { RetortConfig } from "./retort-config";

/**
 * Every config key with the check its value must pass. A value of the wrong type or out
 * of range is refused with the key, what it got and what it takes (README.md,
 * "Configuration"): `lockTimeout: NaN` once meant "never time out, poll 650 times a second".
 */
type Check = (value: unknown) => string | undefined;

const isFunction = (v: unknown) => typeof v === "function";
const shown = (v: unknown): string => {
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
};

const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "" && !/[\u0000-\u001f]/.test(v);
const text =
  (example: string): Check =>
  (v) =>
    isText(v) ? undefined : example;
const boolean: Check = (v) => (typeof v === "boolean" ? undefined : "true or false");
const fn =
  (signature: string): Check =>
  (v) =>
    isFunction(v) ? undefined : `a function ${signature}`;
const booleanOrFunction: Check = (v) => (typeof v === "boolean" || isFunction(v) ? undefined : "true, false or a function `(ctx) => boolean | undefined`");
const stringOrStrings: Check = (v) =>
  isText(v) || (Array.isArray(v) && v.every(isText)) ? undefined : 'a glob or a list of globs such as ["./src/entities/*.ts"]';

/** Seconds, as setTimeout can hold them (about 24 days) and never NaN or Infinity. */
export const MAX_SECONDS = 2_000_000;
const seconds: Check = (v) =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= MAX_SECONDS ? undefined : `a number of seconds from 0 to ${MAX_SECONDS}`;

const versionTable: Check = (v) =>
  typeof v === "string" && /^[^\u0000-\u001f]{1,55}$/.test(v) ? undefined : "a table name of 1 to 55 printable characters (`_applied` is appended for its companion)";

const postWrite: Check = (v) =>
  Array.isArray(v) && v.every((x) => x === "prettier" || (typeof x === "object" && x !== null && typeof (x as { command?: unknown }).command === "string"))
    ? undefined
    : 'an array of "prettier" and { command: "…" } entries';

const rewriter: Check = (v) => (typeof v === "object" && v !== null ? undefined : "a Rewriter (`new Rewriter()` from @retort/cli)");

export const CONFIG_CHECKS: Readonly<Record<keyof RetortConfig, Check>> = {
  dataSource: text('a path such as "./src/data-source.ts"'),
  entities: stringOrStrings,
  prisma: text('a path such as "./prisma/schema.prisma" (or a folder of .prisma files)'),
  url: text('a database URL such as "postgres://user@localhost/app"'),
  migrations: text('a folder such as "./migrations"'),
  versionTable,
  compareType: booleanOrFunction,
  compareServerDefault: booleanOrFunction,
  includeSchemas: boolean,
  includeObject: fn("(object, name, type, reflected, compareTo) => boolean"),
  includeName: fn("(name, type, parentNames) => boolean"),
  renderAsBatch: boolean,
  processRevisionDirectives: fn("(ctx, revision, directives) => void"),
  rewriter,
  transactionPerMigration: boolean,
  lockTimeout: seconds,
  ddlLockTimeout: seconds,
  strictChecksums: boolean,
  postWrite,
};

/** Refuses an object with unknown keys or a value its key does not take; `undefined` means unset. */
export function validateConfig(file: string, raw: unknown): RetortConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InvalidConfigError(file, "it must export an object: `export default defineConfig({ dataSource: \"./src/data-source.ts\" })`.");
  }
  const known = Object.keys(CONFIG_CHECKS);
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new InvalidConfigError(file, `unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}. Known keys: ${known.join(", ")}.`);
  }
  for (const [key, check] of Object.entries(CONFIG_CHECKS)) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const expected = check(value);
    if (expected) throw new InvalidConfigError(file, `"${key}" must be ${expected}, got ${shown(value)}.`);
  }
  return raw as RetortConfig;
}
