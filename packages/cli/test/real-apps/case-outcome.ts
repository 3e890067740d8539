import type { KnownFailure } from "./known-failures";

/** A case's failure with the things that differ, one per item, for a known failure's symptom to match each of. */
export class CaseFailure extends Error {
  constructor(
    message: string,
    readonly items: readonly string[],
  ) {
    super(`${message}\n${items.join("\n")}`);
  }
}

/**
 * Runs a case's body. Unlisted (`known` undefined), it must pass. Listed in KNOWN_FAILURES,
 * it must still fail, and each thing that differs (statement, table, difference line) must
 * match the listed symptom: passing fails with "passes now: remove it from KNOWN_FAILURES",
 * failing otherwise fails with the new failure.
 */
export async function runCase(label: string, known: KnownFailure | undefined, body: () => Promise<void> | void): Promise<void> {
  let failure: Error | undefined;
  try {
    await body();
  } catch (e) {
    failure = e instanceof Error ? e : new Error(String(e));
  }
  if (!known) {
    if (failure) throw failure;
    return;
  }
  if (!failure) throw new Error(`${label} passes now: remove it from KNOWN_FAILURES (listed for ${known.owner}: ${known.reason})`);
  const items = failure instanceof CaseFailure ? failure.items : [failure.message];
  if (!items.every((item) => known.symptom.test(item))) {
    throw new Error(`${label} is a known failure (${known.owner}) but fails differently than listed (${known.symptom}):\n${failure.message}`);
  }
}
