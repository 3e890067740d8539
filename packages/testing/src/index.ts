export * from "./targets";
export * from "./databases";
export * from "./describe-targets";
export * from "./rejection";
