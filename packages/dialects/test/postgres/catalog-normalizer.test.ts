import { columnType } from "@retort/core";
import { expect } from "chai";
import { CatalogNormalizer } from "../../src/postgres/catalog-normalizer";
import { normalizePostgresDefault } from "../../src/postgres/normalize-default";

describe("PostgreSQL catalog normalizer", () => {
  const enumColumn = (enumName: string, arrayDimensions = 0) => columnType("enum", { enumName, enumValues: ["a", "it's"], arrayDimensions });

  it("answers an enum default cast to the column's own type as normalizePostgresDefault does", () => {
    const cases: [string, string][] = [
      ["'a'::user_status_enum", "user_status_enum"],
      ["'it''s'::user_status_enum", "user_status_enum"],
      ["'a'::other.user_status_enum", "other.user_status_enum"],
      ["'a'::user_status_enum", "other.user_status_enum"],
      // declined by the shortcut, answered by the parser: another type, an array, NULL, brackets, a quoted name
      ["'a'::text", "user_status_enum"],
      ["NULL::user_status_enum", "user_status_enum"],
      ["('a'::user_status_enum)", "user_status_enum"],
      ["'a'::\"User_status\"", "User_status"],
      ["'a'::user_status_enum", "user_status_enu"],
      ["'a'||'b'::user_status_enum", "user_status_enum"],
    ];
    for (const [expression, enumName] of cases) {
      const type = enumColumn(enumName);
      expect(new CatalogNormalizer().default(expression, type), expression).to.equal(normalizePostgresDefault(expression, type));
    }
    const array = enumColumn("user_status_enum", 1);
    expect(new CatalogNormalizer().default("'{a}'::user_status_enum[]", array)).to.equal(normalizePostgresDefault("'{a}'::user_status_enum[]", array));
  });
});
