export { compareSchemas } from "./compare-schemas";
export * from "./options";
export { DIALECT_TRAITS, type DialectTraits } from "./dialect-traits";
export type { DiffDetails, DiffEntry, DiffKind, JsonValue } from "./describe/diff-entry";
export { describeOperations } from "./describe/describe-operations";
export { describeLine } from "./describe/describe-line";
