import { createTestDatabase, type TestDatabase, type TestTarget } from "@retort/testing";
import { schemaSql, type Family } from "./generated-schema";

/** Creates a fresh database holding the generated schema, loaded in one round trip per engine. */
export async function createBenchDatabase(target: TestTarget, tables: number): Promise<TestDatabase> {
  const db = await createTestDatabase(target);
  const sql = schemaSql(target.family as Family, tables);
  switch (target.family) {
    case "postgres": {
      const { Client } = await import("pg");
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query(sql);
      await client.end();
      break;
    }
    case "mysql": {
      const mysql = await import("mysql2/promise");
      const conn = await mysql.createConnection({ uri: db.url, multipleStatements: true });
      await conn.query(sql);
      await conn.end();
      break;
    }
    case "sqlite": {
      const Database = (await import("better-sqlite3")).default;
      const file = new Database(db.name);
      file.exec(sql);
      file.close();
      break;
    }
  }
  return db;
}
