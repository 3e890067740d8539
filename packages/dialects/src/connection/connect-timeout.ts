import { InvalidConnectionSettingError } from "./connection-errors";

/** Seconds to wait for a server's first answer unless the URL says `?connect_timeout=` (libpq's name). */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** `?connect_timeout=<seconds>` (libpq's name; `connectTimeout` in milliseconds as mysql2 spells it), else the caller's limit. */
export function connectTimeoutMs(params: Readonly<Record<string, string>>, fallbackMs = DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000): number {
  if (params.connect_timeout !== undefined) {
    const s = Number(params.connect_timeout);
    if (!Number.isFinite(s) || s <= 0) throw new InvalidConnectionSettingError("connect_timeout", params.connect_timeout, "a number of seconds greater than 0");
    return Math.round(s * 1000);
  }
  if (params.connectTimeout !== undefined) {
    const ms = Number(params.connectTimeout);
    if (!Number.isFinite(ms) || ms <= 0) throw new InvalidConnectionSettingError("connectTimeout", params.connectTimeout, "a number of milliseconds greater than 0");
    return Math.round(ms);
  }
  return fallbackMs;
}

/** The reason a connect attempt gave up, for ConnectionError. */
export function timeoutReason(ms: number): string {
  return `the server did not answer within ${ms / 1000} s (set a longer limit with ?connect_timeout=<seconds> in the URL)`;
}
