import { SERVER_URLS, type TestDatabase } from "@retort/testing";

/** Host, port, user and password of the test server a database was made on, and its name. */
export function connectionParts(db: TestDatabase): { host: string; port: string; user: string; password: string; database: string } {
  const url = new URL(db.url);
  return {
    host: url.hostname,
    port: url.port || (db.target.family === "postgres" ? "5432" : "3306"),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: db.name,
  };
}

export { SERVER_URLS };
