export * from "./typescript-hook";
export * from "./load-module";
export * from "./code-cache";
