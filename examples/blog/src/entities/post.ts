import { Column, CreateDateColumn, Entity, Index, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Tag } from "./tag";
import { User } from "./user";

/** Free-form data the editor keeps with a post. */
export interface PostMetadata {
  readonly readingMinutes?: number;
  readonly coverImage?: string;
}

@Entity("posts")
@Index(["author", "publishedAt"])
export class Post {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 200 })
  title!: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200 })
  slug!: string;

  @Column({ type: "text" })
  body!: string;

  @Column({ type: "json", nullable: true })
  metadata!: PostMetadata | null;

  // No explicit type: TypeORM picks each dialect's date-time type from `Date`.
  @Column({ nullable: true })
  publishedAt?: Date;

  @ManyToOne(() => User, (user) => user.posts, { nullable: false, onDelete: "CASCADE" })
  author!: User;

  @ManyToMany(() => Tag, (tag) => tag.posts)
  @JoinTable({ name: "post_tags" })
  tags!: Tag[];

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
