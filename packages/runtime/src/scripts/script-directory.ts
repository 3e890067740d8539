import { loadModule } from "@retort/loader";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { RevisionGraph } from "../graph/revision-graph";
import { checksumOf } from "./checksum";
import { cachedHeader, isSelfContained, rememberHeader, type MigrationHeader } from "./migration-header-cache";
import { branchLabelProblem, REVISION_ID } from "./header-rules";
import type { MigrationModule, MigrationScript } from "./migration-script";
import { InvalidMigrationError, ScriptDirectoryError } from "./script-errors";

const MIGRATION_FILE = /\.(ts|cts|mts|js|cjs)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** The migrations of a project, loaded and linked into a graph. */
export interface ScriptDirectory {
  readonly dir: string;
  readonly scripts: ReadonlyMap<string, MigrationScript>;
  readonly graph: RevisionGraph;
}

/** Loads every migration file of `dir` (a missing folder is an empty directory). */
export async function loadScriptDirectory(dir: string): Promise<ScriptDirectory> {
  const abs = resolve(dir);
  const scripts: MigrationScript[] = [];
  if (existsSync(abs)) for (const file of listMigrationFiles(abs)) scripts.push(await loadMigration(file));
  const graph = new RevisionGraph(
    scripts.map((s) => ({
      revision: s.revision,
      downRevision: s.downRevisions,
      branchLabels: s.branchLabels,
      dependsOn: s.dependsOn,
      file: s.file,
    })),
  );
  return { dir: abs, scripts: new Map(scripts.map((s) => [s.revision, s])), graph };
}

/** File names sort by their date prefix, which keeps the graph's tie order stable. */
export function listMigrationFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new ScriptDirectoryError(dir, `cannot be read (${(e as Error).message}).`);
  }
  return names
    .filter((n) => MIGRATION_FILE.test(n) && !DECLARATION_FILE.test(n) && !n.startsWith("."))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * One migration file. Its header comes from the header cache when the file is
 * self-contained and was loaded before with the same text (migration-header-cache.ts);
 * its module then loads only when it upgrades or downgrades.
 */
export async function loadMigration(file: string): Promise<MigrationScript> {
  const source = readFileSync(file, "utf8");
  const checksum = checksumOf(source);
  const selfContained = isSelfContained(source);
  const header = selfContained ? cachedHeader(checksum) : undefined;
  if (header) return withModuleOnDemand(file, source, checksum, header);
  const script = validate(file, await loadMigrationModule(file), source, checksum);
  if (selfContained) rememberHeader(checksum, script);
  return script;
}

async function loadMigrationModule(file: string): Promise<Partial<MigrationModule>> {
  // A re-read directory (tests, a long-lived process) must see edited files.
  const loaded = await loadModule<Record<string, unknown>>(file, { fresh: true });
  return (isHeader(loaded.default) ? loaded.default : loaded) as Partial<MigrationModule>;
}

/** A script of a cached header whose upgrade and downgrade load the module first (once). */
function withModuleOnDemand(file: string, source: string, checksum: string, header: MigrationHeader): MigrationScript {
  let loading: Promise<MigrationScript> | undefined;
  const loaded = (): Promise<MigrationScript> =>
    (loading ??= loadMigrationModule(file).then((mod) => {
      const script = validate(file, mod, readFileSync(file, "utf8"));
      if (script.checksum !== checksum) throw new InvalidMigrationError(file, "it changed while retort was running; run the command again.");
      return script;
    }));
  return {
    ...header,
    file,
    checksum,
    source,
    upgrade: async (op) => (await loaded()).upgrade(op),
    downgrade: async (op) => (await loaded()).downgrade(op),
  };
}

function isHeader(value: unknown): boolean {
  return typeof value === "object" && value !== null && "revision" in value;
}

function validate(file: string, mod: Partial<MigrationModule>, source: string, checksum = checksumOf(source)): MigrationScript {
  const fail = (problem: string): never => {
    throw new InvalidMigrationError(file, problem);
  };
  if (typeof mod.revision !== "string" || !REVISION_ID.test(mod.revision)) {
    fail(`export \`revision\` as a string of letters, digits, "_", "." or "-" (got ${JSON.stringify(mod.revision)}).`);
  }
  if (mod.downRevision === undefined) fail("export `downRevision` (null for a first revision, an array for a merge).");
  const downRevisions = stringList(mod.downRevision, "downRevision", fail);
  const branchLabels = stringList(mod.branchLabels, "branchLabels", fail);
  const dependsOn = stringList(mod.dependsOn, "dependsOn", fail);
  for (const label of branchLabels) {
    const problem = branchLabelProblem(label);
    if (problem) fail(problem);
  }
  if (typeof mod.upgrade !== "function") fail("export an `upgrade(op)` function.");
  if (typeof mod.downgrade !== "function") fail("export a `downgrade(op)` function.");
  if (mod.message !== undefined && typeof mod.message !== "string") fail("`message` must be a string.");
  return {
    revision: mod.revision!,
    downRevisions,
    branchLabels,
    dependsOn,
    message: mod.message ?? "",
    createdAt: typeof mod.createdAt === "string" ? mod.createdAt : undefined,
    file,
    checksum,
    source,
    upgrade: mod.upgrade!.bind(mod),
    downgrade: mod.downgrade!.bind(mod),
  };
}

function stringList(value: unknown, name: string, fail: (p: string) => never): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return [...value];
  return fail(`\`${name}\` must be a string, an array of strings, or null.`);
}
