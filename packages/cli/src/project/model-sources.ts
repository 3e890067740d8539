import type { ModelSourceKind, OpenedModelSource, SourceProject } from "@retort/core";
import type { ResolvedConfig } from "../config/load-config";

/**
 * The model sources retort knows, and the config keys that select each
 * (docs/architecture.md, "Adding a model source"). A source is a package exporting
 * `modelSourceKind` (the `ModelSourceKind` port in @retort/core); it is loaded on first
 * use, so a project pays only for its own source. The first entry whose keys the config
 * sets is the project's; the last is the default, and `retort init` asks the sources in
 * this order which one a project has.
 */
const MODEL_SOURCES: readonly { readonly packageName: string; readonly selectedBy: (config: ResolvedConfig) => boolean }[] = [
  { packageName: "@retort/prisma", selectedBy: (config) => config.prisma !== undefined },
  { packageName: "@retort/typeorm", selectedBy: (config) => config.dataSource !== undefined || config.entities.length > 0 },
];

const loaded = new Map<string, ModelSourceKind>();

function kindIn(packageName: string): ModelSourceKind {
  let kind = loaded.get(packageName);
  if (!kind) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, by the registry's name
    kind = (require(packageName) as { modelSourceKind: ModelSourceKind }).modelSourceKind;
    loaded.set(packageName, kind);
  }
  return kind;
}

/** The project's model source (`loadConfig` has refused a config naming none, or two). */
export function modelSourceOf(config: ResolvedConfig): ModelSourceKind {
  const entry = MODEL_SOURCES.find((s) => s.selectedBy(config)) ?? MODEL_SOURCES[MODEL_SOURCES.length - 1]!;
  return kindIn(entry.packageName);
}

/** Every source, in the order `retort init` asks them. */
export function allModelSources(): ModelSourceKind[] {
  return MODEL_SOURCES.map((s) => kindIn(s.packageName));
}

/** The project as its source sees it. */
export function sourceProject(config: ResolvedConfig, context: { cwd?: string; explicitUrl: string | undefined; onWarning?: (message: string) => void }): SourceProject {
  return {
    configFile: config.file,
    projectDir: config.projectDir,
    cwd: context.cwd ?? process.cwd(),
    config: config as unknown as Readonly<Record<string, unknown>>,
    explicitUrl: context.explicitUrl,
    onWarning: context.onWarning,
  };
}

export type { OpenedModelSource };
