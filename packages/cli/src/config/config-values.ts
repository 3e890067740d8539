import type { RetortConfig } from "./retort-config";

type Check = (value: unknown) => boolean;

const isFunction: Check = (v) => typeof v === "function";
const isBoolean: Check = (v) => typeof v === "boolean";
const isNonEmptyString: Check = (v) => typeof v === "string" && v.trim() !== "" && !/[\u0000-\u001f]/.test(v);
const isStringList: Check = (v) => isNonEmptyString(v) || (Array.isArray(v) && v.length > 0 && v.every(isNonEmptyString));
const isPostWrite: Check = (v) =>
  Array.isArray(v) && v.every((w) => w === "prettier" || (typeof w === "object" && w !== null && isNonEmptyString((w as { command?: unknown }).command)));

/** What each key's value must be, as README.md's "Configuration" table documents it. */
const RULES: Partial<Record<keyof RetortConfig, { readonly ok: Check; readonly expected: string }>> = {
  dataSource: { ok: isNonEmptyString, expected: 'a path such as "./src/data-source.ts"' },
  url: { ok: isNonEmptyString, expected: 'a database URL such as "postgres://user@localhost/app"' },
  migrations: { ok: isNonEmptyString, expected: 'a folder such as "./migrations"' },
  versionTable: { ok: isNonEmptyString, expected: 'a table name such as "retort_version"' },
  entities: { ok: isStringList, expected: 'a glob or a list of globs such as ["./src/entities/*.ts"]' },
  compareType: { ok: (v) => isBoolean(v) || isFunction(v), expected: "true, false or a function (ctx) => boolean | undefined" },
  compareServerDefault: { ok: (v) => isBoolean(v) || isFunction(v), expected: "true, false or a function (ctx) => boolean | undefined" },
  includeSchemas: { ok: isBoolean, expected: "true or false" },
  renderAsBatch: { ok: isBoolean, expected: "true or false" },
  transactionPerMigration: { ok: isBoolean, expected: "true or false" },
  includeObject: { ok: isFunction, expected: "a function (object, name, type, reflected, compareTo) => boolean" },
  includeName: { ok: isFunction, expected: "a function (name, type, parentNames) => boolean" },
  processRevisionDirectives: { ok: isFunction, expected: "a function (ctx, revision, directives) => void" },
  rewriter: { ok: (v) => typeof v === "object" && v !== null, expected: "a Rewriter (new Rewriter() from @retort/cli)" },
  postWrite: { ok: isPostWrite, expected: 'a list of "prettier" and { command: "…" } entries' },
};

/** The first key whose value has the wrong type, as a sentence for InvalidConfigError; undefined when all are right. */
export function wrongConfigValue(config: Readonly<Record<string, unknown>>): string | undefined {
  for (const [key, rule] of Object.entries(RULES)) {
    const value = config[key];
    if (value !== undefined && !rule!.ok(value)) return `"${key}" must be ${rule!.expected} (got ${describe(value)}).`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return value.trim() === "" ? "an empty string" : "a string";
  return value === null ? "null" : `${typeof value === "object" ? "an object" : JSON.stringify(value)}`;
}
