/**
 * The features of the synchronize matrix (docs/synchronize-features.md): for each, the
 * entity source TypeORM's synchronize builds, the edit a user makes next, what `check`
 * must report for that edit, and the engines where TypeORM can create the feature at all.
 */

export type Family = "postgres" | "mysql" | "sqlite";

export interface Feature {
  readonly name: string;
  /** Engines where TypeORM's synchronize creates the feature. */
  readonly engines: readonly Family[];
  /** The entity module (src/entities/model.ts) for an engine. */
  readonly entities: (family: Family) => string;
  /** The same module after the user's edit. */
  readonly edited: (family: Family) => string;
  /** `check --json` after the edit, as sorted `kind table.column` / `kind name` words. */
  readonly detected: (family: Family) => readonly string[];
  /**
   * A known gap (docs/synchronize-features.md): the edit goes unnoticed on these engines,
   * and `detected` asserts that current behaviour (nothing reported).
   */
  readonly undetectedOn?: readonly Family[];
  /** SQL run on a fresh database before anything else (e.g. an extension TypeORM expects). */
  readonly setup?: (family: Family) => string | null;
}

const imports = (names: string) => `import { ${names} } from "typeorm";\n`;

/** A one-entity module: `@Entity` class for `table` with `body`, plus any decorators above it. */
const entity = (table: string, body: string, above = "") =>
  `${above}@Entity({ name: ${JSON.stringify(table)} })
export class ${table[0]!.toUpperCase()}${table.slice(1).replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())} {
  @PrimaryGeneratedColumn() id!: number;
${body}
}
`;

const ALL: readonly Family[] = ["postgres", "mysql", "sqlite"];

const generatedColumns = (expression: string, family: Family) => {
  // PostgreSQL has STORED only (TypeORM refuses VIRTUAL there).
  const virtual = family === "postgres" ? "" : `  @Column({ type: "int", generatedType: "VIRTUAL", asExpression: "a * 3", nullable: true }) tripled!: number;\n`;
  return (
    imports("Column, Entity, PrimaryGeneratedColumn") +
    entity(
      "measure",
      `  @Column("int") a!: number;
  @Column({ type: "int", generatedType: "STORED", asExpression: ${JSON.stringify(expression)}, nullable: true }) doubled!: number;
${virtual}`,
    )
  );
};

const onUpdate = (withOnUpdate: boolean) =>
  imports("Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn") +
  entity(
    "stamped",
    `  @UpdateDateColumn() updatedAt!: Date;
  @Column({ type: "timestamp", default: () => "CURRENT_TIMESTAMP"${withOnUpdate ? `, onUpdate: "CURRENT_TIMESTAMP"` : ""} }) touchedAt!: Date;`,
  );

const sharedEnum = (values: string[]) =>
  imports("Column, Entity, PrimaryGeneratedColumn") +
  entity(
    "ticket",
    `  @Column({ type: "enum", enum: ${JSON.stringify(values)}, enumName: "ticket_state" }) state!: string;
  @Column({ type: "enum", enum: ${JSON.stringify(values)}, enumName: "ticket_state", default: "open" }) previous!: string;
  @Column({ type: "enum", enum: ${JSON.stringify(values)}, enumName: "ticket_state", array: true, default: "{}" }) history!: string[];`,
  );

const pgTypes = (tagsDefault: string) =>
  imports("Column, Entity, PrimaryGeneratedColumn") +
  entity(
    "pg_kinds",
    `  @Column("text", { array: true, default: ${JSON.stringify(tagsDefault)} }) tags!: string[];
  @Column("int", { array: true, nullable: true }) scores!: number[];
  @Column("jsonb", { default: () => "'{}'" }) data!: object;
  @Column("hstore", { nullable: true }) attrs!: Record<string, string>;
  @Column("tsvector", { nullable: true }) search!: string;
  @Column("cidr", { nullable: true }) network!: string;
  @Column("inet", { nullable: true }) address!: string;
  @Column("interval", { nullable: true }) pause!: string;
  @Column("timestamptz", { default: () => "now()" }) createdAt!: Date;`,
  );

const mysqlIndexes = (withSpatial: boolean) =>
  imports("Column, Entity, Index, PrimaryGeneratedColumn") +
  entity(
    "place",
    `  @Index("place_description_fulltext", { fulltext: true }) @Column("text") description!: string;
  ${withSpatial ? `@Index("place_location_spatial", { spatial: true }) ` : ""}@Column({ type: "point" }) location!: string;`,
  );

const partialIndex = (where: string) =>
  imports("Column, Entity, Index, PrimaryGeneratedColumn") +
  entity(
    "account",
    `  @Column({ length: 100 }) email!: string;
  @Column({ default: false }) deleted!: boolean;`,
    `@Index("account_live_email", ["email"], { unique: true, where: ${JSON.stringify(where)} })\n`,
  );

const closureTree = (withSlug: boolean) =>
  imports("Column, Entity, PrimaryGeneratedColumn, Tree, TreeChildren, TreeParent") +
  `@Entity({ name: "category" })
@Tree("closure-table")
export class Category {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50 }) title!: string;
${withSlug ? `  @Column({ length: 50, nullable: true }) slug!: string;\n` : ""}  @TreeChildren() children!: Category[];
  @TreeParent() parent!: Category;
}
`;

const pathTree = (withSlug: boolean) =>
  imports("Column, Entity, PrimaryGeneratedColumn, Tree, TreeChildren, TreeParent") +
  `@Entity({ name: "folder" })
@Tree("materialized-path")
export class Folder {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50 }) title!: string;
${withSlug ? `  @Column({ length: 50, nullable: true }) slug!: string;\n` : ""}  @TreeChildren() children!: Folder[];
  @TreeParent() parent!: Folder;
}
`;

const singleTable = (withChild: boolean) =>
  imports("ChildEntity, Column, Entity, PrimaryGeneratedColumn, TableInheritance") +
  `@Entity({ name: "content" })
@TableInheritance({ column: { type: "varchar", name: "kind", length: 20 } })
export class Content {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) title!: string;
}

@ChildEntity("photo")
export class Photo extends Content {
  @Column({ nullable: true }) width!: number;
}
${withChild ? `
@ChildEntity("video")
export class Video extends Content {
  @Column({ nullable: true }) seconds!: number;
}
` : ""}`;

const customNames = (fkName: string) =>
  imports("Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique") +
  `@Entity({ name: "author" })
@Unique("author_pen_name_key", ["penName"])
export class Author {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "author_pk" }) id!: number;
  @Column({ length: 50 }) penName!: string;
}

@Entity({ name: "book" })
export class Book {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: "book_pk" }) id!: number;
  @ManyToOne(() => Author) @JoinColumn({ foreignKeyConstraintName: ${JSON.stringify(fkName)} }) author!: Author;
}
`;

const relation = (options: string) =>
  imports("Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn") +
  `@Entity({ name: "parent_row" })
export class ParentRow {
  @PrimaryGeneratedColumn() id!: number;
}

@Entity({ name: "child_row" })
export class ChildRow {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => ParentRow, { ${options} }) @JoinColumn({ foreignKeyConstraintName: "child_parent_fk" }) parent!: ParentRow;
}
`;

const versioned = (withDeleted: boolean) =>
  imports("Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn") +
  entity(
    "document",
    `  @Column({ length: 50 }) title!: string;
  @VersionColumn() version!: number;
  @CreateDateColumn() createdAt!: Date;
${withDeleted ? "  @DeleteDateColumn() deletedAt!: Date | null;" : ""}`,
  );

const checks = (maxLevel: number) =>
  imports("Check, Column, Entity, PrimaryGeneratedColumn") +
  entity(
    "reading",
    `  @Column({ length: 10 }) unit!: string;
  @Column("int") level!: number;
  @Column({ type: "int", nullable: true }) low!: number | null;`,
    `@Check("reading_unit", "unit IN ('c', 'f', 'k')")
@Check("reading_level", \`level BETWEEN 0 AND ${maxLevel}\`)
@Check("reading_low", "coalesce(low, 0) >= 0")
`,
  );

/** A charset-only column whose charset's default collation retort does not know (koi8r). */
export const UNKNOWN_CHARSET = (): string =>
  imports("Column, Entity, PrimaryGeneratedColumn") + entity("label", `  @Column({ length: 50, charset: "koi8r" }) legacy!: string;`);

/** The @Check entities, for the MySQL case where synchronize leaves them out. */
export const CHECKS_ON_MYSQL = (): string => checks(10);

// TypeORM writes a MySQL table comment in double quotes, unescaped: a `"` in it breaks its own DDL.
const comments = (text: string, tableText: string) =>
  imports("Column, Entity, PrimaryGeneratedColumn") +
  `@Entity({ name: "note", comment: ${JSON.stringify(tableText)} })
export class Note {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50, comment: ${JSON.stringify(text)} }) body!: string;
}
`;

const mysqlCollation = (collation: string) =>
  imports("Column, Entity, PrimaryGeneratedColumn") +
  entity(
    "label",
    `  @Column({ length: 50, collation: ${JSON.stringify(collation)} }) name!: string;
  @Column({ length: 50, charset: "latin1", collation: "latin1_general_ci" }) code!: string;
  @Column({ length: 50, charset: "latin1" }) legacy!: string;`,
  );

/** One column with or without its own collation; TypeORM creates the table with the database's default. */
const mysqlOwnCollation = (collation: string | null) =>
  imports("Column, Entity, PrimaryGeneratedColumn") +
  entity("label", `  @Column({ length: 50${collation === null ? "" : `, collation: ${JSON.stringify(collation)}`} }) name!: string;`);

/** On a latin1 database: tables default to latin1_swedish_ci, a utf8mb4 column is the odd one out. */
const latin1Database = (collation: string | null) =>
  imports("Column, Entity, PrimaryGeneratedColumn") +
  entity(
    "label",
    `  @Column({ length: 50${collation === null ? "" : `, collation: ${JSON.stringify(collation)}`} }) name!: string;
  @Column({ length: 50 }) plain!: string;
  @Column({ length: 50, charset: "utf8mb4" }) wide!: string;`,
  );

const postgresCollation = (collation: string) =>
  imports("Column, Entity, PrimaryGeneratedColumn") +
  entity("label", `  @Column({ length: 50, collation: ${JSON.stringify(collation)} }) name!: string;`);

const sqliteCollation = (collation: string) =>
  imports("Column, Entity, PrimaryGeneratedColumn") +
  entity("label", `  @Column({ length: 50, collation: ${JSON.stringify(collation)} }) name!: string;`);

export const FEATURES: readonly Feature[] = [
  {
    name: "generated columns (STORED, VIRTUAL)",
    engines: ALL,
    entities: (f) => generatedColumns("a * 2", f),
    edited: (f) => generatedColumns("a * 4", f),
    detected: () => ["add_column measure.doubled", "remove_column measure.doubled"],
  },
  {
    name: "ON UPDATE CURRENT_TIMESTAMP (@UpdateDateColumn, onUpdate)",
    engines: ["mysql"],
    entities: () => onUpdate(true),
    edited: () => onUpdate(false),
    detected: () => ["modify_on_update stamped.touchedAt"],
  },
  {
    name: "shared enum (enumName) and enum array",
    engines: ["postgres"],
    entities: () => sharedEnum(["open", "closed"]),
    edited: () => sharedEnum(["open", "closed", "archived"]),
    detected: () => ["modify_enum ticket_state"],
  },
  {
    name: "array, jsonb, hstore, tsvector, cidr, inet, interval, timestamptz columns with defaults",
    engines: ["postgres"],
    entities: () => pgTypes("{}"),
    edited: () => pgTypes("{a,b}"),
    detected: () => ["modify_default pg_kinds.tags"],
    setup: () => "CREATE EXTENSION IF NOT EXISTS hstore",
  },
  {
    name: "fulltext and spatial indexes",
    engines: ["mysql"],
    entities: () => mysqlIndexes(true),
    edited: () => mysqlIndexes(false),
    detected: () => ["remove_index place_location_spatial"],
  },
  {
    name: "partial index (where)",
    engines: ["postgres", "sqlite"],
    entities: () => partialIndex(`"deleted" = false`),
    edited: () => partialIndex(`"deleted" = true`),
    detected: () => ["add_index account_live_email", "remove_index account_live_email"],
  },
  {
    name: "closure-table tree",
    engines: ALL,
    entities: () => closureTree(false),
    edited: () => closureTree(true),
    detected: () => ["add_column category.slug"],
  },
  {
    name: "materialized-path tree",
    engines: ALL,
    entities: () => pathTree(false),
    edited: () => pathTree(true),
    detected: () => ["add_column folder.slug"],
  },
  {
    name: "single-table inheritance",
    engines: ALL,
    entities: () => singleTable(false),
    edited: () => singleTable(true),
    detected: () => ["add_column content.seconds"],
  },
  {
    name: "custom constraint names (primary key, foreign key, unique)",
    engines: ALL,
    entities: () => customNames("book_author_fk"),
    edited: () => customNames("book_written_by_fk"),
    // A renamed foreign key is a drop and a create (docs/reference.md §3). SQLite keeps no
    // foreign key names at all: there the rename changes nothing in the database.
    detected: (family) => (family === "sqlite" ? [] : ["add_fk book_written_by_fk", "remove_fk book_author_fk"]),
    undetectedOn: ["sqlite"],
  },
  {
    name: "deferrable foreign key",
    // TypeORM writes DEFERRABLE on PostgreSQL and SQLite; MySQL has no deferred constraints.
    engines: ["postgres", "sqlite"],
    entities: () => relation(`deferrable: "INITIALLY DEFERRED"`),
    edited: () => relation(`deferrable: "INITIALLY IMMEDIATE"`),
    detected: () => ["add_fk child_parent_fk", "remove_fk child_parent_fk"],
  },
  {
    name: "createForeignKeyConstraints: false",
    engines: ALL,
    entities: () => relation(`createForeignKeyConstraints: false`),
    edited: () => relation(`onDelete: "CASCADE"`),
    detected: () => ["add_fk child_parent_fk"],
  },
  {
    name: "@VersionColumn, @CreateDateColumn, @DeleteDateColumn",
    engines: ALL,
    entities: () => versioned(true),
    edited: () => versioned(false),
    detected: () => ["remove_column document.deletedAt"],
  },
  {
    name: "complex @Check (IN, BETWEEN, coalesce)",
    // TypeORM's MySQL driver creates no CHECK constraints (see CHECKS_ON_MYSQL).
    engines: ["postgres", "sqlite"],
    entities: () => checks(10),
    edited: () => checks(20),
    detected: () => ["add_check reading_level", "remove_check reading_level"],
  },
  {
    name: "comments with quotes",
    engines: ["postgres", "mysql"],
    entities: () => comments(`it's a "note"`, "it's a note"),
    edited: () => comments(`it's a 'note'`, "it's the note"),
    detected: () => ["modify_comment note.body", "modify_table_comment note"],
  },
  {
    name: "column charset and collation",
    engines: ["mysql"],
    entities: () => mysqlCollation("utf8mb4_bin"),
    edited: () => mysqlCollation("utf8mb4_unicode_ci"),
    detected: () => ["modify_collation label.name"],
  },
  {
    name: "column collation added (MySQL)",
    engines: ["mysql"],
    entities: () => mysqlOwnCollation(null),
    edited: () => mysqlOwnCollation("utf8mb4_bin"),
    detected: () => ["modify_collation label.name"],
  },
  {
    name: "column collation removed (MySQL)",
    engines: ["mysql"],
    entities: () => mysqlOwnCollation("latin1_general_ci"),
    edited: () => mysqlOwnCollation(null),
    detected: () => ["modify_collation label.name"],
  },
  {
    name: "column collation removed, on a database whose default is latin1 (MySQL)",
    engines: ["mysql"],
    // ALTER DATABASE without a name is the connection's database (the test's own).
    setup: () => "ALTER DATABASE CHARACTER SET latin1 COLLATE latin1_swedish_ci",
    entities: () => latin1Database("latin1_bin"),
    edited: () => latin1Database(null),
    detected: () => ["modify_collation label.name"],
  },
  {
    name: "column collation",
    engines: ["postgres"],
    entities: () => postgresCollation("C"),
    edited: () => postgresCollation("POSIX"),
    detected: () => ["modify_collation label.name"],
  },
  {
    name: "column collation (SQLite)",
    engines: ["sqlite"],
    entities: () => sqliteCollation("NOCASE"),
    edited: () => sqliteCollation("RTRIM"),
    detected: () => ["modify_collation label.name"],
  },
];
