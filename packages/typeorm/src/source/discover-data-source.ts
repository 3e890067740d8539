import type { DiscoverContext, DiscoveredSource } from "@retort/core";
import { join } from "node:path";
import { adoptionAdvice, inspectExistingProject } from "./existing-project";
import { findDataSourceFile } from "./find-data-source";

/**
 * `retort init` in a TypeORM project: the DataSource module found, and what it and its
 * database hold already. TypeORM is the default source, so with none found the config
 * gets a placeholder `dataSource` to edit.
 */
export async function discoverDataSource(projectDir: string, context: DiscoverContext): Promise<DiscoveredSource> {
  const dataSource = findDataSourceFile(projectDir);
  if (!dataSource) {
    return {
      configEntry: `  // Point this at the module exporting your TypeORM DataSource,\n  // or use entities: ["./src/entities/*.ts"] with url: process.env.DATABASE_URL.\n  dataSource: "./src/data-source.ts",`,
      result: { dataSource },
      lines: ["No DataSource found: set dataSource (or entities + url) in retort.config.ts."],
      details: [],
    };
  }
  const existing = await inspectExistingProject(join(projectDir, dataSource), projectDir, context);
  const advice = adoptionAdvice(existing);
  return {
    configEntry: `  // The module exporting your TypeORM DataSource (found by retort init).\n  dataSource: "${dataSource}",`,
    result: { dataSource, existing },
    lines: advice.length > 0 ? [`Using the DataSource in ${dataSource}.`, ...advice] : [`Using the DataSource in ${dataSource}. Next: retort autogen -m "initial schema"`],
    details: existing.skipped ? [`Not inspected: ${existing.skipped}`] : [],
  };
}
