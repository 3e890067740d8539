import { sortModel, type Queryable, type SchemaModel, type TableModel } from "@retort/core";
import type { TestDatabase, TestTarget } from "@retort/testing";
import { entitiesDataSource, loadDataSource, type TypeormDataSource } from "../../src";
import { entityCorpus, type Family } from "./entity-corpus";
import type { FixtureProject, TypeormVersion } from "./fixture-project";

/** How one test project gets its DataSource: entity globs + URL, or a module with a custom naming strategy. */
export type CaseKind = "entities" | "naming-strategy";

export interface SyncCase {
  readonly typeorm: TypeormVersion;
  readonly kind: CaseKind;
}

/** The DataSource `type` a target uses under a TypeORM version (SPEC.md §3a). */
export function dataSourceType(target: TestTarget, typeorm: TypeormVersion): string {
  if (target.family === "postgres") return "postgres";
  if (target.family === "mysql") return "mariadb";
  return typeorm === "0.3" && target.sqliteDriver === "sqlite3" ? "sqlite" : "better-sqlite3";
}

export function writeCase(project: FixtureProject, c: SyncCase, target: TestTarget, db: TestDatabase): void {
  for (const [file, text] of Object.entries(entityCorpus(target.family as Family))) project.write(file, text);
  if (c.kind === "naming-strategy") project.write("src/data-source.ts", namingDataSource(dataSourceType(target, c.typeorm), db));
}

/** A fresh, unconnected DataSource for the case (each call a new object over the same entity classes). */
export async function caseDataSource(project: FixtureProject, c: SyncCase, target: TestTarget, db: TestDatabase): Promise<TypeormDataSource> {
  const type = dataSourceType(target, c.typeorm);
  if (c.kind === "naming-strategy") {
    const ds = await loadDataSource(`${project.dir}/src/data-source.ts`);
    return new (ds.constructor as new (o: unknown) => TypeormDataSource)(ds.options);
  }
  return entitiesDataSource({ entities: ["src/entity/*.ts"], url: db.url, type, baseDir: project.dir });
}

function namingDataSource(type: string, db: TestDatabase): string {
  const connection = type === "postgres" || type === "mariadb" ? `url: ${JSON.stringify(db.url)}` : `database: ${JSON.stringify(db.name)}`;
  return `
import "reflect-metadata";
import { DataSource, DefaultNamingStrategy, Table } from "typeorm";

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
const bare = (t: Table | string) => (typeof t === "string" ? t : t.name).split(".").pop()!;

/** A naming strategy like typeorm-naming-strategies' SnakeNamingStrategy, with readable key names. */
class SnakeNaming extends DefaultNamingStrategy {
  override tableName(target: string, given: string | undefined) { return given ?? snake(target); }
  override columnName(property: string, given: string | undefined, prefixes: string[]) {
    return snake(prefixes.concat("").join("_")) + (given ?? snake(property));
  }
  override joinColumnName(relation: string, column: string) { return snake(relation + "_" + column); }
  override primaryKeyName(t: Table | string) { return "pk_" + bare(t); }
  override uniqueConstraintName(t: Table | string, columns: string[]) { return "uq_" + bare(t) + "_" + columns.join("_"); }
  override foreignKeyName(t: Table | string, columns: string[]) { return "fk_" + bare(t) + "_" + columns.join("_"); }
  override indexName(t: Table | string, columns: string[]) { return "ix_" + bare(t) + "_" + columns.join("_"); }
}

export const dataSource = new DataSource({
  type: ${JSON.stringify(type)},
  ${connection},
  entities: [__dirname + "/entity/*.ts"],
  namingStrategy: new SnakeNaming(),${type === "postgres" ? `
  uuidExtension: "pgcrypto",` : ""}
} as any);
`;
}

/** TypeORM's own bookkeeping table (generated columns, views): not part of the user's schema. */
export function withoutTypeormBookkeeping(model: SchemaModel): SchemaModel {
  return { ...model, tables: model.tables.filter((t) => t.name !== "typeorm_metadata") };
}

/**
 * TypeORM's synchronize creates no CHECK constraints on MySQL/MariaDB, where retort does
 * manage them (SPEC.md §3a): compare without them there.
 */
export function withoutChecks(model: SchemaModel): SchemaModel {
  return { ...model, tables: model.tables.map((t): TableModel => ({ ...t, checks: [] })) };
}

/**
 * MySQL cannot tell a unique index from a unique constraint, so introspection reports
 * every plain unique index as a unique constraint, while the converted model keeps the
 * ones an @Index declared as indexes (SPEC.md §3: they are reported as add_index). The
 * comparator treats the two as the same; so does this view of a model.
 */
export function uniqueIndexesAsConstraints(model: SchemaModel): SchemaModel {
  const isPlainUnique = (i: TableModel["indexes"][number]) => i.unique && i.method === null && i.where === null && i.parts.every((p) => p.column !== null && !p.descending);
  return sortModel({
    ...model,
    tables: model.tables.map((t): TableModel => ({
      ...t,
      indexes: t.indexes.filter((i) => !isPlainUnique(i)),
      uniques: [...t.uniques, ...t.indexes.filter(isPlainUnique).map((i) => ({ name: i.name, columns: i.parts.map((p) => p.column ?? ""), deferrable: null }))],
    })),
  });
}

export async function serverVersion(db: Queryable): Promise<string | undefined> {
  if (db.dialect === "sqlite") return undefined;
  const rows = await db.query<{ v: string }>(db.dialect === "postgres" ? "SHOW server_version" : "SELECT VERSION() AS v");
  const row = rows[0] as Record<string, string>;
  return String(row.v ?? row.server_version);
}
