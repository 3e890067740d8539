import { ConnectionError, MalformedUrlError, UnsupportedUrlError } from "@retort/core";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { createServer, type Server } from "node:net";
import { connect, DEFAULT_CONNECT_TIMEOUT_SECONDS, parseConnectionUrl, redactSecrets, redactUrl } from "../src";

describe("redactUrl: anything that could be userinfo is hidden, even in a malformed URL", () => {
  const cases: [string, string][] = [
    ["postgres://me:secret@h:5432/db", "postgres://me:***@h:5432/db"],
    ["postgres://me@h/db", "postgres://me@h/db"],
    ["postgres:/u:secret@host/db", "postgres:/***@host/db"],
    ["postgres:u:secret@host/db", "postgres:***@host/db"],
    ["mysql://u:se@cr/et@127.0.0.1:1/db", "mysql://***@127.0.0.1:1/db"],
    ["mysql://u:se/cret@h/db", "mysql://***@h/db"],
    ["u:secret@host/db", "u:***@host/db"],
    ["sqlite:./x.db", "sqlite:./x.db"],
  ];
  for (const [url, shown] of cases) it(url, () => expect(redactUrl(url)).to.equal(shown));

  it("redacts URLs inside free text and every password parsed before", () => {
    expect(() => parseConnectionUrl("postgres:/u:Hunter2Pw@h/db")).to.throw(MalformedUrlError);
    expect(redactSecrets('driver said: password "Hunter2Pw" is wrong for postgres:/u:Other1Pw@h/db')).to.equal('driver said: password "***" is wrong for postgres:/***@h/db');
  });
});

describe("parseConnectionUrl: malformed server URLs are refused without echoing the password", () => {
  for (const url of ["postgres:/u:pw1234@h/db", "mariadb:u:pw1234@h/db", "mysql://u:pw/1234@h/db", "postgres://u:pw1234@h:99999/db", "postgres://u:%zz@h/db"]) {
    it(url, () => {
      const err = (() => {
        try {
          parseConnectionUrl(url);
        } catch (e) {
          return e as Error;
        }
        return undefined;
      })();
      expect(err).to.be.instanceOf(MalformedUrlError);
      expect(err!.message).not.to.include("pw1234").and.not.include("1234@");
    });
  }

  it("names no scheme when there is none", () => {
    expect(() => parseConnectionUrl("secret-pw")).to.throw(UnsupportedUrlError, /no scheme/).with.property("message").that.does.not.include("secret-pw");
  });

  it("reads a socket directory from the host part or libpq's ?host=", () => {
    expect(parseConnectionUrl("postgres://u@%2Fvar%2Frun%2Fpostgresql/db")).to.include({ host: "/var/run/postgresql", database: "db" });
    expect(parseConnectionUrl("postgres://u@/db?host=/tmp")).to.include({ host: "/tmp", database: "db", user: "u" });
  });
});

/** A TCP server that accepts connections and never says a word. */
function silentServer(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer(() => undefined);
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

describe("connect timeout (issue 10 item 16)", function () {
  this.timeout(20_000);
  for (const scheme of ["postgres", "mysql"]) {
    it(`${scheme}: a server that accepts and never answers fails after connect_timeout with a clear reason`, async () => {
      const { server, port } = await silentServer();
      try {
        const started = Date.now();
        const err = await connect(`${scheme}://u:pw@127.0.0.1:${port}/db?connect_timeout=1`).catch((e: unknown) => e);
        const ms = Date.now() - started;
        expect(err).to.be.instanceOf(ConnectionError);
        expect((err as Error).message).to.include("did not answer within 1 s").and.include("connect_timeout");
        expect(ms).to.be.within(900, 5000);
      } finally {
        server.close();
      }
    });
  }

  it("defaults to 10 s, as MySQL's driver does", () => {
    expect(DEFAULT_CONNECT_TIMEOUT_SECONDS).to.equal(10);
  });
});

describeEachTarget(
  "connection settings TypeORM honours (issue 10 item 15)",
  (ctx) => {
    it("connects through the server's unix socket", async () => {
      const tcp = await connect(ctx.db.url);
      let socketUrl: string;
      try {
        const u = new URL(ctx.db.url);
        if (ctx.target.family === "postgres") {
          const [row] = await tcp.query<{ d: string }>("SELECT split_part(current_setting('unix_socket_directories'), ',', 1) AS d");
          socketUrl = `postgres://${u.username}@${encodeURIComponent(row!.d.trim())}${u.pathname}`;
        } else {
          const [row] = await tcp.query<{ s: string }>("SELECT @@socket AS s");
          socketUrl = `mysql://${u.username}@localhost${u.pathname}?socketPath=${encodeURIComponent(row!.s)}`;
        }
      } finally {
        await tcp.close();
      }
      const db = await connect(socketUrl);
      try {
        const [row] = await db.query<{ one: unknown }>("SELECT 1 AS one");
        expect(Number(row!.one)).to.equal(1);
      } finally {
        await db.close();
      }
    });

    if (ctx.target.family === "postgres") {
      it("passes ?options=-c search_path=… to the server", async () => {
        const setup = await connect(ctx.db.url);
        await setup.query("CREATE SCHEMA IF NOT EXISTS tenant1");
        await setup.close();
        const db = await connect(`${ctx.db.url}${ctx.db.url.includes("?") ? "&" : "?"}options=${encodeURIComponent("-c search_path=tenant1")}`);
        try {
          const [row] = await db.query<{ s: string }>("SELECT current_schema() AS s");
          expect(row!.s).to.equal("tenant1");
        } finally {
          await db.close();
        }
      });
    }
  },
  { families: ["postgres", "mysql"] },
);
