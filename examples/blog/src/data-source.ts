import "reflect-metadata";
import { resolve } from "node:path";
import { DataSource, type DataSourceOptions } from "typeorm";
import { Post } from "./entities/post";
import { Tag } from "./entities/tag";
import { User } from "./entities/user";

const entities = [User, Post, Tag];

/**
 * The database comes from DATABASE_URL: postgres://…, mysql://…, mariadb://… or
 * sqlite:path (relative to this project). Without it, an embedded SQLite file.
 */
export function dataSourceOptions(url = process.env.DATABASE_URL || "sqlite:blog.sqlite"): DataSourceOptions {
  const scheme = url.slice(0, url.indexOf(":"));
  switch (scheme) {
    case "postgres":
    case "postgresql":
      return { type: "postgres", url, entities };
    case "mysql":
      return { type: "mysql", url, entities };
    case "mariadb":
      return { type: "mariadb", url, entities };
    case "sqlite":
      return { type: "better-sqlite3", database: resolve(__dirname, "..", url.slice("sqlite:".length)), entities };
    default:
      throw new Error(`DATABASE_URL must start with postgres://, mysql://, mariadb:// or sqlite: (got "${scheme}:")`);
  }
}

export default new DataSource(dataSourceOptions());
