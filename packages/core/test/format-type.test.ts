import { expect } from "chai";
import { columnType, formatType } from "../src";

describe("formatType", () => {
  it("writes sizes, precision and scale", () => {
    expect(formatType(columnType("varchar", { length: 255 }))).to.equal("varchar(255)");
    expect(formatType(columnType("numeric", { precision: 10, scale: 2 }))).to.equal("numeric(10,2)");
    expect(formatType(columnType("timestamptz", { precision: 3 }))).to.equal("timestamptz(3)");
    expect(formatType(columnType("text"))).to.equal("text");
  });

  it("writes unsigned and array dimensions", () => {
    expect(formatType(columnType("int", { unsigned: true }))).to.equal("int unsigned");
    expect(formatType(columnType("text", { arrayDimensions: 2 }))).to.equal("text[][]");
  });

  it("writes a PostgreSQL enum by its type name and a MySQL enum inline", () => {
    expect(formatType(columnType("mood", { enumName: "mood", enumValues: ["sad", "ok"] }))).to.equal("mood");
    expect(formatType(columnType("enum", { enumValues: ["a", "it's"] }))).to.equal("enum('a','it''s')");
  });
});
