import { ConnectionError, MissingDriverError, UnsupportedUrlError } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { connect, parseConnectionUrl, redactUrl } from "../src";

describe("connection URLs", () => {
  it("parses server URLs with default ports and decoded credentials", () => {
    expect(parseConnectionUrl("postgresql://u:p%40ss@db.local/app?sslmode=require")).to.deep.equal({
      family: "postgres",
      host: "db.local",
      port: 5432,
      database: "app",
      user: "u",
      password: "p@ss",
      params: { sslmode: "require" },
    });
    expect(parseConnectionUrl("mariadb://root@127.0.0.1/test")).to.include({ family: "mysql", port: 3306 });
  });

  it("parses sqlite file, memory and driver forms", () => {
    expect(parseConnectionUrl("sqlite:./dev.db")).to.deep.equal({ family: "sqlite", file: "./dev.db", driver: undefined });
    expect(parseConnectionUrl("sqlite::memory:")).to.deep.equal({ family: "sqlite", file: ":memory:", driver: undefined });
    expect(parseConnectionUrl("sqlite:///tmp/a.db?driver=sqlite3")).to.deep.equal({
      family: "sqlite",
      file: "/tmp/a.db",
      driver: "sqlite3",
    });
  });

  it("names the supported schemes for an unsupported one", () => {
    expect(() => parseConnectionUrl("oracle://x/y"))
      .to.throw(UnsupportedUrlError)
      .with.property("message")
      .that.matches(/"oracle".*postgres:\/\/.*mysql:\/\/.*mariadb:\/\/.*sqlite:/);
    expect(() => parseConnectionUrl("sqlite:x.db?driver=duckdb")).to.throw(UnsupportedUrlError, /driver=better-sqlite3/);
  });

  it("redacts passwords", () => {
    expect(redactUrl("postgres://me:secret@h:5432/db")).to.equal("postgres://me:***@h:5432/db");
    expect(redactUrl("sqlite:./x.db")).to.equal("sqlite:./x.db");
  });
});

describe("connection errors", () => {
  it("names host, port and database of an unreachable server, never the password", async () => {
    const err = await connect("postgres://me:hunter2@127.0.0.1:1/shop").catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ConnectionError);
    const message = (err as Error).message;
    expect(message).to.include("127.0.0.1:1").and.include('"shop"').and.include("refused");
    expect(message).not.to.include("hunter2");
  });

  it("reports wrong MariaDB credentials clearly", async function () {
    const err = await connect("mysql://nobody_here:hunter2@127.0.0.1:3306/test").catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ConnectionError);
    expect((err as Error).message).to.match(/rejected the user name or password|refused/);
    expect((err as Error).message).not.to.include("hunter2");
  });

  it("reports a SQLite file in a missing folder", async () => {
    const err = await connect("sqlite:/nonexistent-dir-retort/x.db").catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ConnectionError);
    expect((err as Error).message).to.include("/nonexistent-dir-retort/x.db");
  });

  it("exports MissingDriverError for projects without a driver", () => {
    expect(new MissingDriverError(["pg"], "PostgreSQL").message).to.include("npm install pg");
  });
});

describeEachTarget("connect", (ctx) => {
  it("runs a query and reports its dialect", async () => {
    const q = await connect(ctx.db.url);
    try {
      const rows = await q.query<{ one: number | string }>("SELECT 1 AS one");
      expect(Number(rows[0]?.one)).to.equal(1);
      const expected = { postgres: ["postgres"], mysql: ["mysql", "mariadb"], sqlite: ["sqlite"] }[ctx.target.family];
      expect(expected).to.include(q.dialect);
    } finally {
      await q.close();
    }
  });
});
