import { connect } from "@retort/dialects";
import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { truncatePostgresIdentifier } from "../src";

/** Issue 10, item 2: names over 63 bytes, as the server cuts them (never inside a character). */
const NAMES: readonly string[] = [
  "a".repeat(63),
  "a".repeat(64),
  `customer_loyalty_programme_membership_tier_history_entries_archive_2026`,
  "é".repeat(40), // 2 bytes each: 31 fit
  `${"a".repeat(62)}é`, // the last character would straddle byte 63
  `${"a".repeat(61)}日本`, // 3 bytes each
  `${"a".repeat(60)}😀x`, // 4 bytes: 60 + 4 > 63
];

describe("truncatePostgresIdentifier", () => {
  it("keeps at most 63 bytes, cutting before a multi-byte character, never inside it", () => {
    expect(truncatePostgresIdentifier("a".repeat(63))).to.equal("a".repeat(63));
    expect(truncatePostgresIdentifier("a".repeat(64))).to.equal("a".repeat(63));
    expect(truncatePostgresIdentifier("é".repeat(40))).to.equal("é".repeat(31));
    expect(truncatePostgresIdentifier(`${"a".repeat(62)}é`)).to.equal("a".repeat(62));
    expect(truncatePostgresIdentifier(`${"a".repeat(60)}😀x`)).to.equal("a".repeat(60));
    for (const name of NAMES) expect(Buffer.byteLength(truncatePostgresIdentifier(name))).to.be.at.most(63);
  });
});

describeEachTarget(
  "truncatePostgresIdentifier against the server",
  (ctx) => {
    it("gives the name PostgreSQL stores for each table name", async () => {
      const db = await connect(ctx.db.url);
      try {
        for (const name of NAMES) {
          await db.query(`CREATE TABLE "${name}" (id integer)`);
          const rows = await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
          expect(rows.map((r) => r.tablename), name).to.deep.equal([truncatePostgresIdentifier(name)]);
          await db.query(`DROP TABLE "${name}"`);
        }
      } finally {
        await db.close();
      }
    });
  },
  { families: ["postgres"] },
);
