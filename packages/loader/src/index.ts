export * from "./typescript-hook";
export * from "./load-module";
