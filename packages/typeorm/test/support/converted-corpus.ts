import type { ColumnModel, SchemaModel, TableModel } from "@retort/core";
import { expect } from "chai";
import { buildTargetModel, entitiesDataSource, type BuildTargetModelOptions, type TypeormDataSource } from "../../src";
import { entityCorpus, type Family } from "./entity-corpus";
import { createFixtureProject, type FixtureProject, type TypeormVersion } from "./fixture-project";
import { useMetadataStorageOf } from "./metadata-storage";
import { rawRules } from "./raw-rules";

/** URLs of databases that are never reached: the conversion does not connect. */
const OFFLINE_URLS: Readonly<Record<Family, string>> = {
  postgres: "postgres://nobody@127.0.0.1:1/shop",
  mysql: "mariadb://nobody@127.0.0.1:1/shop",
  sqlite: "sqlite::memory:",
};

/**
 * The corpus converted with rules that keep TypeORM's SQL as written, without any
 * database: what the model says TypeORM would write.
 */
export async function convertCorpus(
  typeorm: TypeormVersion,
  family: Family,
  options: Omit<BuildTargetModelOptions, "rules"> = {},
): Promise<SchemaModel> {
  return (await convertCorpusWithSource(typeorm, family, options)).model;
}

/** The same, with the DataSource it was converted from. */
export async function convertCorpusWithSource(
  typeorm: TypeormVersion,
  family: Family,
  options: Omit<BuildTargetModelOptions, "rules"> = {},
): Promise<{ model: SchemaModel; dataSource: TypeormDataSource }> {
  const project: FixtureProject = createFixtureProject(typeorm, entityCorpus(family));
  try {
    useMetadataStorageOf(typeorm);
    const dataSource = await entitiesDataSource({ entities: ["src/entity/*.ts"], url: OFFLINE_URLS[family], baseDir: project.dir });
    return { model: await buildTargetModel(dataSource, { ...options, rules: rawRules(family) }), dataSource };
  } finally {
    project.remove();
  }
}

export function tableOf(model: SchemaModel, name: string, schema: string | null = null): TableModel {
  const found = model.tables.find((t) => t.name === name && t.schema === schema);
  expect(found, `table ${schema ?? ""}.${name}`).to.not.equal(undefined);
  return found!;
}

export function columnOf(t: TableModel, name: string): ColumnModel {
  const found = t.columns.find((c) => c.name === name);
  expect(found, `column ${t.name}.${name}`).to.not.equal(undefined);
  return found!;
}
