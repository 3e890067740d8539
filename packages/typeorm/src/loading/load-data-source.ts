import { loadModule, ModuleLoadError } from "@retort/loader";
import { dirname, resolve } from "node:path";
import { NoDataSourceError, TypeormNotFoundError } from "../errors";
import { isDataSource, type TypeormDataSource } from "../typeorm-shapes";

/**
 * Loads the user's DataSource module and returns its TypeORM DataSource: the default
 * export, else the only exported DataSource instance (SPEC.md §1).
 */
export async function loadDataSource(modulePath: string): Promise<TypeormDataSource> {
  const file = resolve(modulePath);
  let exported: unknown;
  try {
    exported = await loadModule<unknown>(file);
  } catch (e) {
    if (e instanceof ModuleLoadError && /Cannot find module '(typeorm|reflect-metadata)'/.test(e.reason)) {
      throw new TypeormNotFoundError(dirname(file), file, { cause: e });
    }
    throw e;
  }
  return pickDataSource(exported, file);
}

export function pickDataSource(exported: unknown, file: string): TypeormDataSource {
  if (isDataSource(exported)) return exported;
  const named = exported && typeof exported === "object" ? Object.entries(exported as Record<string, unknown>) : [];
  const fromDefault = named.find(([name]) => name === "default")?.[1];
  if (isDataSource(fromDefault)) return fromDefault;
  const found = named.filter(([, value]) => isDataSource(value));
  if (found.length === 1) return found[0][1] as TypeormDataSource;
  const listing = named.filter(([name]) => name !== "__esModule").map(([name, value]) => `${name} (${describe(value)})`);
  if (found.length > 1) {
    throw new NoDataSourceError(file, listing, `exports ${found.length} DataSources (${found.map(([n]) => n).join(", ")}) and no default one`);
  }
  throw new NoDataSourceError(file, listing, "exports no TypeORM DataSource");
}

function describe(value: unknown): string {
  if (typeof value === "function") return /^class\b/.test(Function.prototype.toString.call(value)) ? "class" : "function";
  if (value instanceof Promise) return "Promise";
  if (value === null) return "null";
  if (typeof value === "object") return (value as object).constructor?.name ?? "object";
  return typeof value;
}
