export type * from "./engine";
export { ENGINE_NAMES, engineFor } from "./registry";
