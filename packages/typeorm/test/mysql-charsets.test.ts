import { expect } from "chai";
import { charsetDefaultCollation, UnknownCharsetError } from "../src/model/mysql-charsets";

/** A `charset`-only column's collation (docs/synchronize-features.md, "Collation"). */
describe("charset-only MySQL/MariaDB columns", () => {
  it("read as the charset's default collation, utf8mb4's per engine", () => {
    expect(charsetDefaultCollation("latin1", "mariadb", "t.c")).to.equal("latin1_swedish_ci");
    expect(charsetDefaultCollation("UTF8MB4", "mariadb", "t.c")).to.equal("utf8mb4_general_ci");
    expect(charsetDefaultCollation("utf8mb4", "mysql", "t.c")).to.equal("utf8mb4_0900_ai_ci");
    expect(charsetDefaultCollation(null, "mariadb", "t.c")).to.equal(null);
  });

  it("refuses a charset whose default collation is not known, in one line naming the column and the fix", () => {
    let error: unknown;
    try {
      charsetDefaultCollation("koi8r", "mariadb", "label.legacy");
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(UnknownCharsetError);
    const message = (error as Error).message;
    expect(message).to.match(/^label\.legacy: charset "koi8r" without a collation/);
    expect(message).to.include('collation: "koi8r_general_ci"');
    expect(message).not.to.include("\n");
  });
});
