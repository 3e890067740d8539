import type { TestTarget } from "@retort/testing";
import type { TypeormDataSource } from "@retort/typeorm";
import { DEFAULTS, fkColumn, type ColumnSpec, type Family, type SchemaSpec } from "./schema-spec";

/** The slice of TypeORM (1.x or 0.3) the property uses: EntitySchema objects, no decorators, no files. */
interface TypeormModule {
  readonly EntitySchema: new (options: object) => object;
  readonly DataSource: new (options: object) => TypeormDataSource;
}

/** TypeORM's DataSource type per target; the sqlite3 target is TypeORM 0.3's `sqlite`. */
const DATA_SOURCE_TYPE: Readonly<Record<TestTarget["name"], string>> = {
  postgres: "postgres",
  mariadb: "mariadb",
  sqlite: "better-sqlite3",
  sqlite3: "sqlite",
};

function typeormFor(target: TestTarget): TypeormModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(target.name === "sqlite3" ? "typeorm-0.3" : "typeorm") as TypeormModule;
}

function columnOptions(c: ColumnSpec, family: Family): Record<string, unknown> {
  const type: Record<ColumnSpec["kind"], object> = {
    int: { type: "int" },
    bigint: { type: "bigint" },
    varchar: { type: "varchar", length: c.length },
    text: { type: "text" },
    boolean: { type: "boolean" },
    decimal: { type: "decimal", precision: c.precision, scale: c.scale },
    timestamp: { type: family === "postgres" ? "timestamp" : "datetime" },
    enum: { type: "enum", enum: c.enumValues },
  };
  return { ...type[c.kind], nullable: c.nullable, unique: c.unique, ...defaultOption(c) };
}

function defaultOption(c: ColumnSpec): { default?: unknown } {
  if (c.defaultChoice === null) return {};
  if (c.kind === "timestamp") return { default: () => "CURRENT_TIMESTAMP" };
  if (c.kind === "enum") {
    const label = c.enumValues.find((v) => !v.includes("'"));
    return label === undefined ? {} : { default: label };
  }
  return { default: DEFAULTS[c.kind][c.defaultChoice] };
}

/** A DataSource over the spec's entities, built in memory (never initialized). */
export function specDataSource(spec: SchemaSpec, target: TestTarget, database: string): TypeormDataSource {
  const { EntitySchema, DataSource } = typeormFor(target);
  const entities = spec.entities.map(
    (e) =>
      new EntitySchema({
        name: e.name,
        tableName: e.name,
        columns: {
          id: { type: "int", primary: true, generated: "increment" },
          ...Object.fromEntries(e.columns.map((c) => [c.name, columnOptions(c, target.family)])),
        },
        relations: Object.fromEntries(
          e.fks.map((f) => [
            f.name,
            { type: "many-to-one", target: f.target, joinColumn: { name: fkColumn(f) }, nullable: true, ...(f.onDelete ? { onDelete: f.onDelete } : {}) },
          ]),
        ),
        indices: e.indexes.filter((i) => i.kind !== "constraint").map((i) => ({ name: i.name, columns: [...i.columns], unique: i.kind === "unique" })),
        uniques: e.indexes.filter((i) => i.kind === "constraint").map((i) => ({ name: i.name, columns: [...i.columns] })),
      }),
  );
  return new DataSource({ type: DATA_SOURCE_TYPE[target.name], database, entities });
}
