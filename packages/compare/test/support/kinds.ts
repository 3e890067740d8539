import type { Operation } from "@retort/core";
import { describeOperations } from "../../src";

/** The docs/reference.md §3 kinds of a diff, in order: what most assertions look at. */
export const kindsOf = (ops: readonly Operation[]): string[] => describeOperations(ops).map((e) => e.kind);
