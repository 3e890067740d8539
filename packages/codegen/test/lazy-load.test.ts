import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

describe("loading @retort/codegen", () => {
  it("loads neither ts-morph, prettier nor typescript until a file is written", () => {
    const entry = resolve(__dirname, "../src/index.js");
    const script = `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /node_modules[\\\\/](ts-morph|prettier|typescript|@ts-morph)[\\\\/]/.test(k))));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
    expect(loaded).to.deep.equal([]);
  });
});
