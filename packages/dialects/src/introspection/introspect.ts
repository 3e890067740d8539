import type { Queryable, SchemaModel } from "@retort/core";
import { introspectMysql } from "../mysql/introspect-mysql";
import { introspectPostgres } from "../postgres/introspect-postgres";
import { introspectSqlite } from "../sqlite/introspect-sqlite";
import type { IntrospectOptions } from "./introspect-options";

/** Reflects the live database behind `db` into the neutral model. */
export function introspect(db: Queryable, options: IntrospectOptions = {}): Promise<SchemaModel> {
  switch (db.dialect) {
    case "postgres":
      return introspectPostgres(db, options);
    case "mysql":
    case "mariadb":
      return introspectMysql(db, options);
    case "sqlite":
      return introspectSqlite(db, options);
  }
}
