import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Post } from "./post";

export enum Role {
  Reader = "reader",
  Author = "author",
  Admin = "admin",
}

@Entity("users")
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 255, unique: true })
  email!: string;

  @Column({ type: "varchar", length: 100 })
  name!: string;

  // "simple-enum" is a native ENUM on PostgreSQL and MySQL/MariaDB, and a CHECK on SQLite.
  @Column({ type: "simple-enum", enum: Role, default: Role.Reader })
  role!: Role;

  @OneToMany(() => Post, (post) => post.author)
  posts!: Post[];

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
