import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A generated TypeORM project of N entities (about 8.5 columns each, an index, a
 * unique, an enum, a foreign key to the previous entity), with a DataSource module
 * and a retort.config.ts, for end-to-end benchmarks against TypeORM's own CLI.
 */
export type DataSourceType = "postgres" | "mariadb" | "better-sqlite3";

export function entityClass(i: number): string {
  return `Entity${String(i).padStart(4, "0")}`;
}

function entitySource(i: number, type: DataSourceType, withExtraColumn: boolean): string {
  const name = entityClass(i);
  const enumType = type === "better-sqlite3" ? "simple-enum" : "enum";
  const parent =
    i > 0
      ? `
  @ManyToOne(() => ${entityClass(i - 1)}, { onDelete: "CASCADE", nullable: true })
  parent!: ${entityClass(i - 1)} | null;
`
      : "";
  const note = i % 2 === 0 ? `\n  @Column({ type: "text", nullable: true })\n  note!: string | null;\n` : "";
  const extra = withExtraColumn ? `\n  @Column({ type: "varchar", length: 40, nullable: true })\n  extra!: string | null;\n` : "";
  return `import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
${i > 0 ? `import { ${entityClass(i - 1)} } from "./${entityClass(i - 1)}";\n` : ""}
export enum Status${i} { Active = "active", Archived = "archived" }

@Entity()
export class ${name} {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ length: 100 })
  name!: string;

  @Column({ length: 255, unique: true })
  email!: string;

  @Column({ type: "${enumType}", enum: Status${i}, default: Status${i}.Active })
  status!: Status${i};

  @Column({ type: "decimal", precision: 10, scale: 2, default: 0 })
  amount!: string;

  @Column({ default: true })
  isActive!: boolean;

  @CreateDateColumn()
  createdAt!: Date;
${parent}${note}${extra}}
`;
}

export interface GeneratedProject {
  readonly dir: string;
  readonly dataSourceFile: string;
}

/** Writes the project into `dir` (replacing it). `url` is the database the DataSource points at. */
export function writeGeneratedProject(dir: string, type: DataSourceType, url: string, entities: number): GeneratedProject {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "entities"), { recursive: true });
  for (let i = 0; i < entities; i++) {
    writeFileSync(join(dir, "entities", `${entityClass(i)}.ts`), entitySource(i, type, false));
  }
  const connection =
    type === "better-sqlite3" ? `database: ${JSON.stringify(url.replace(/^sqlite:/, "").replace(/\?.*$/, ""))}` : `url: ${JSON.stringify(url)}`;
  const dataSourceFile = join(dir, "data-source.ts");
  writeFileSync(
    dataSourceFile,
    `import "reflect-metadata";
import { DataSource } from "typeorm";
import { join } from "path";

export default new DataSource({
  type: "${type}",
  ${connection},
  entities: [join(__dirname, "entities", "*.ts")],
  synchronize: false,
  logging: false,
});
`,
  );
  writeFileSync(join(dir, "retort.config.json"), JSON.stringify({ dataSource: "./data-source.ts", migrations: "./migrations" }, null, 2));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, target: "es2022", module: "commonjs", rootDir: ".", strict: false, skipLibCheck: true } }, null, 2));
  return { dir, dataSourceFile };
}

/** The one change the benchmark asks both tools to find: a new nullable column on the first entity (or entity `i`). */
export function addOneColumn(project: GeneratedProject, type: DataSourceType, i = 0): void {
  writeFileSync(entityFile(project, i), entitySource(i, type, true));
}

/** Entity `i` as generated, without the added column. */
export function restoreEntity(project: GeneratedProject, type: DataSourceType, i: number): void {
  writeFileSync(entityFile(project, i), entitySource(i, type, false));
}

export function entityFile(project: GeneratedProject, i: number): string {
  return join(project.dir, "entities", `${entityClass(i)}.ts`);
}
