/**
 * The prettier options the fast printer reproduces. A resolved config with anything
 * else (plugins, another parser, `quoteProps: "consistent"`…) goes through prettier itself.
 */
export interface FastFormatOptions {
  readonly printWidth: number;
  readonly tabWidth: number;
  readonly useTabs: boolean;
  readonly semi: boolean;
  readonly singleQuote: boolean;
  readonly trailingComma: "all" | "es5" | "none";
  readonly bracketSpacing: boolean;
  readonly arrowParens: "always" | "avoid";
}

/** prettier 3's defaults. */
export const PRETTIER_DEFAULTS: FastFormatOptions = {
  printWidth: 80,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
};

/** Options that cannot change how a TypeScript file of plain calls and literals is printed. */
const IRRELEVANT = new Set([
  "jsxSingleQuote",
  "bracketSameLine",
  "jsxBracketSameLine",
  "proseWrap",
  "htmlWhitespaceSensitivity",
  "vueIndentScriptAndStyle",
  "embeddedLanguageFormatting",
  "singleAttributePerLine",
  "experimentalTernaries",
  "experimentalOperatorPosition",
  "objectWrap",
  "filepath",
  "$schema",
]);

/**
 * The fast printer's options for a resolved prettier config, or `null` when the config
 * asks for something only prettier itself can do.
 */
export function fastFormatOptions(config: Readonly<Record<string, unknown>> | null): FastFormatOptions | null {
  const options: Record<string, unknown> = { ...PRETTIER_DEFAULTS };
  for (const [key, value] of Object.entries(config ?? {})) {
    if (value === undefined || IRRELEVANT.has(key)) continue;
    if (!accepts(key, value)) return null;
    if (key in PRETTIER_DEFAULTS) options[key] = value;
  }
  return options as unknown as FastFormatOptions;
}

function accepts(key: string, value: unknown): boolean {
  switch (key) {
    case "printWidth":
      // narrower than the function signatures: prettier breaks those, the fast printer does not
      return typeof value === "number" && Number.isInteger(value) && value >= 80;
    case "tabWidth":
      return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 16;
    case "useTabs":
    case "semi":
    case "singleQuote":
    case "bracketSpacing":
      return typeof value === "boolean";
    case "trailingComma":
      return value === "all" || value === "es5" || value === "none";
    case "arrowParens":
      return value === "always" || value === "avoid";
    case "quoteProps":
      return value === "as-needed" || value === "preserve";
    case "endOfLine":
      return value === "lf" || value === "auto";
    case "parser":
      return value === "typescript" || value === "babel-ts";
    default:
      return false;
  }
}
