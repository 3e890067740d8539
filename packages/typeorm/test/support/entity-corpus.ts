/**
 * Entity files covering each feature the converter handles, as TypeScript sources for a
 * fixture project. Some SQL differs per family (identifier quotes, partial indexes,
 * dialect-only types); everything else is shared.
 */
export type Family = "postgres" | "mysql" | "sqlite";

export function entityCorpus(family: Family): Record<string, string> {
  const q = family === "mysql" ? "`" : '"';
  const files: Record<string, string> = {
    "src/entity/author.ts": author(q),
    "src/entity/publisher.ts": publisher(family),
    "src/entity/cover.ts": COVER,
    "src/entity/tag.ts": TAG,
    "src/entity/book.ts": book(q),
    "src/entity/content.ts": CONTENT,
    "src/entity/invoice.ts": INVOICE,
    "src/entity/ignored.ts": IGNORED,
    "src/entity/category.ts": CATEGORY,
  };
  if (family === "postgres") files["src/entity/pg-feature.ts"] = PG_FEATURE;
  if (family === "mysql") files["src/entity/mysql-feature.ts"] = MYSQL_FEATURE;
  if (family === "sqlite") files["src/entity/lite-feature.ts"] = SQLITE_FEATURE;
  return files;
}

const author = (q: string) => `
import { Check, Column, CreateDateColumn, DeleteDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from "typeorm";

export class Address {
  @Column({ length: 80, nullable: true }) street!: string;
  @Column({ length: 40, default: "Paris" }) city!: string;
}

@Entity({ comment: "People who write" })
@Unique("UQ_author_name_born", ["name", "born"])
@Check("CHK_author_rating", ${JSON.stringify(`${q}rating${q} >= 0`)})
@Index("IDX_author_name_rating", ["name", "rating"])
@Index("IDX_author_by_hand", ["born"], { synchronize: false })
export class Author {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) name!: string;
  @Column({ unique: true, length: 120 }) email!: string;
  @Column({ type: "text", nullable: true, comment: "Short bio, it's optional" }) bio!: string | null;
  @Column({ default: true }) active!: boolean;
  @Index() @Column({ default: 0 }) rating!: number;
  @Column({ type: "decimal", precision: 10, scale: 2, default: 0 }) balance!: string;
  @Column({ type: "date", nullable: true }) born!: Date | null;
  @Column("simple-array", { nullable: true }) nicknames!: string[];
  @Column("simple-json", { nullable: true }) settings!: object;
  @Column(() => Address) address!: Address;
  @Column({ type: "simple-enum", enum: ["draft", "live"], default: "draft" }) state!: string;
  @CreateDateColumn() createdAt!: Date;
  @UpdateDateColumn() updatedAt!: Date;
  @DeleteDateColumn() deletedAt!: Date | null;
  @VersionColumn() revision!: number;
}
`;

const publisher = (family: Family) => `
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@Entity()
${family === "mysql" ? "" : `@Index("IDX_publisher_open_name", ["name"], { unique: true, where: '"closed" = ${family === "postgres" ? "false" : "0"}' })`}
export class Publisher {
  @PrimaryColumn({ type: "varchar", length: 20 }) code!: string;
  @Column({ length: 100 }) name!: string;
  @Column({ default: false }) closed!: boolean;
}
`;

const COVER = `
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Cover {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column({ length: 300 }) url!: string;
}
`;

const TAG = `
import { Entity, PrimaryColumn } from "typeorm";

@Entity()
export class Tag {
  @PrimaryColumn({ type: "varchar", length: 50 }) label!: string;
}
`;

const book = (q: string) => `
import { Column, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToOne, PrimaryGeneratedColumn } from "typeorm";
import { Author } from "./author";
import { Cover } from "./cover";
import { Publisher } from "./publisher";
import { Tag } from "./tag";

@Entity()
export class Book {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column({ length: 200 }) title!: string;
  @Column({ type: "int", default: 1 }) edition!: number;
  @Column({ type: "decimal", precision: 8, scale: 2 }) price!: string;
  @Column({ type: "decimal", precision: 10, scale: 2, nullable: true, generatedType: "STORED", asExpression: ${JSON.stringify(`${q}price${q} * 2`)} })
  doublePrice!: string;
  @ManyToOne(() => Author, { onDelete: "CASCADE", nullable: false, deferrable: "INITIALLY DEFERRED" }) author!: Author;
  @ManyToOne(() => Publisher, { onDelete: "SET NULL", onUpdate: "CASCADE", nullable: true }) publisher!: Publisher | null;
  @OneToOne(() => Cover, { nullable: true }) @JoinColumn({ name: "cover_id" }) cover!: Cover | null;
  @ManyToMany(() => Tag) @JoinTable({ name: "book_tags" }) tags!: Tag[];
}
`;

const CONTENT = `
import { ChildEntity, Column, Entity, PrimaryGeneratedColumn, TableInheritance } from "typeorm";

@Entity()
@TableInheritance({ column: { type: "varchar", name: "kind", length: 20 } })
export class Content {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 100 }) title!: string;
}

@ChildEntity("photo")
export class Photo extends Content {
  @Column({ type: "int", nullable: true }) size!: number | null;
}

@ChildEntity("video")
export class Video extends Content {
  @Column({ type: "int", nullable: true }) seconds!: number | null;
}
`;

const INVOICE = `
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

export abstract class Stamped {
  @PrimaryGeneratedColumn() id!: number;
  @CreateDateColumn() created!: Date;
}

@Entity()
export class Invoice extends Stamped {
  @Column({ type: "int" }) total!: number;
}

@Entity()
export class Receipt extends Invoice {
  @Column({ type: "varchar", length: 200, nullable: true }) note!: string | null;
}
`;

const CATEGORY = `
import { Column, Entity, Generated, PrimaryGeneratedColumn, Tree, TreeChildren, TreeParent } from "typeorm";

@Entity()
@Tree("closure-table")
export class Category {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50 }) name!: string;
  @Column() @Generated("uuid") publicId!: string;
  @TreeChildren() children!: Category[];
  @TreeParent({ onDelete: "CASCADE" }) parent!: Category | null;
}
`;

const IGNORED = `
import { Entity, PrimaryColumn, ViewColumn, ViewEntity } from "typeorm";

@Entity({ synchronize: false })
export class Legacy {
  @PrimaryColumn({ type: "int" }) id!: number;
}

@ViewEntity({ expression: "SELECT 1 AS one" })
export class OneView {
  @ViewColumn() one!: number;
}
`;

const PG_FEATURE = `
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";

export enum Mood { Happy = "happy", Sad = "sad" }
export enum Level { Low, High }

@Entity({ schema: "archive", comment: "Old posts" })
export class ArchivedPost {
  @PrimaryGeneratedColumn("identity", { generatedIdentity: "ALWAYS" }) id!: number;
  @Column({ type: "enum", enum: Mood, enumName: "mood" }) mood!: Mood;
  @Column({ type: "enum", enum: ["x", "y"] }) letter!: string;
  @Column({ type: "jsonb", default: [] }) data!: object;
}

@Entity()
@Unique("UQ_pg_code", ["code"], { deferrable: "INITIALLY IMMEDIATE" })
export class PgFeature {
  @PrimaryGeneratedColumn("identity") id!: number;
  @Column({ type: "enum", enum: Mood, enumName: "mood", default: Mood.Happy }) mood!: Mood;
  @Column({ type: "enum", enum: Level, default: Level.Low }) level!: Level;
  @Column({ type: "enum", enum: Mood, array: true, nullable: true }) moods!: Mood[];
  @Column({ type: "varchar", array: true, nullable: true }) labels!: string[];
  @Column({ type: "timestamptz", precision: 3, default: () => "CURRENT_TIMESTAMP" }) at!: Date;
  @Column({ type: "numeric" }) amount!: string;
  @Column({ type: "varchar", length: 10, collation: "C", nullable: true }) code!: string | null;
  @Index({ where: '"amount" > 0' }) @Column({ type: "smallint", default: 5 }) five!: number;
  @ManyToOne(() => ArchivedPost, { deferrable: "INITIALLY DEFERRED", onDelete: "RESTRICT" }) post!: ArchivedPost;
}

@Entity()
export class BigId {
  @PrimaryGeneratedColumn({ type: "bigint" }) id!: string;
  @Column({ type: "text", default: "it is" }) note!: string;
}
`;

const MYSQL_FEATURE = `
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity({ comment: "MySQL-only column kinds" })
@Index("IDX_mysql_body", ["body"], { fulltext: true })
export class MysqlFeature {
  @PrimaryGeneratedColumn({ type: "bigint", unsigned: true }) id!: string;
  @Column({ type: "int", unsigned: true, default: 7 }) counter!: number;
  @Column({ type: "enum", enum: ["a", "b"], default: "a" }) letter!: string;
  @Column({ type: "datetime", precision: 3, default: () => "CURRENT_TIMESTAMP(3)" }) at!: Date;
  @Column({ type: "double", default: 1.5 }) ratio!: number;
  @Column({ type: "float", default: 2.5 }) weight!: number;
  @Column({ type: "text" }) body!: string;
  @Column({ type: "uuid", nullable: true }) token!: string | null;
  @Column({ type: "varchar", length: 30, comment: "it's \\"quoted\\"" }) label!: string;
  @Index("IDX_mysql_code", { unique: true }) @Column({ type: "varchar", length: 12, nullable: true }) code!: string | null;
  @Column({ type: "json", nullable: true }) doc!: object | null;
  @Column({ type: "tinyint", default: 1 }) small!: number;
  @Column({ type: "decimal", precision: 6, scale: 3, default: 1.25 }) exact!: string;
}
`;

const SQLITE_FEATURE = `
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity()
export class LiteFeature {
  @PrimaryColumn({ type: "integer" }) id!: number;
  @Column({ type: "datetime", default: () => "CURRENT_TIMESTAMP" }) at!: Date;
  @Column({ type: "varchar", length: 20, collation: "nocase", nullable: true }) name!: string | null;
  @Column({ type: "varchar", length: 20, collation: "BINARY", nullable: true }) plain!: string | null;
  @Column({ type: "real", default: 1.5 }) ratio!: number;
}
`;
