import { RetortError } from "@retort/core";

/** A URL parameter (or DataSource option) for the driver whose value cannot be used. */
export class InvalidConnectionSettingError extends RetortError {
  constructor(name: string, value: string, expected: string) {
    super("malformed_url", `The connection setting ${name}=${JSON.stringify(value)} is invalid: expected ${expected}. Fix it in the URL's query string.`);
  }
}
