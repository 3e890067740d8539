export * from "./model/schema-model";
export * from "./model/builders";
export * from "./model/filters";
export * from "./ports/queryable";
export * from "./errors/retort-error";
export * from "./dialect/dialect-rules";
