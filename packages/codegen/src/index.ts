export * from "./errors";
export * from "./render/render-migration";
export * from "./render/batch-grouping";
export * from "./render/literal";
export * from "./analysis/destructive";
export * from "./analysis/rename-hints";
export * from "./analysis/type-families";
