/**
 * The one home of secret redaction (README.md, "Configuration": passwords never appear in
 * any output). A URL is echoed only through `redactUrl`, which hides everything that could
 * be userinfo, even in a malformed URL (`postgres:/u:pw@host/db`, a password holding an
 * unencoded `@` or `/`). `redactSecrets` is the net under every printed line: it redacts
 * URLs inside free text and every password retort has parsed in this process.
 */
const SCHEME = /^([a-z][a-z0-9+.-]*:)(\/*)(.*)$/is;

/** The URL with anything that could be userinfo replaced by `***` (the user name kept when unambiguous). */
export function redactUrl(url: string): string {
  const m = SCHEME.exec(url);
  if (!m) return url.includes("@") ? `***@${url.slice(url.lastIndexOf("@") + 1)}` : url;
  const [, scheme, slashes, rest] = m as unknown as [string, string, string, string];
  const at = rest.lastIndexOf("@");
  if (at < 0) return url;
  const userinfo = rest.slice(0, at);
  if (userinfo === "***" || userinfo.endsWith(":***")) return url; // already redacted
  const clean = slashes === "//" && /^[^:/?#@]*(:[^/?#@]*)?$/.test(userinfo);
  if (clean && !userinfo.includes(":")) return url; // a user name alone, no password
  const user = clean ? userinfo.split(":")[0]! : "";
  return `${scheme}${slashes}${user ? `${user}:` : ""}***@${rest.slice(at + 1)}`;
}

/** Every `scheme:…@…` token in `text`, redacted. */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:[^\s"'`<>]*@[^\s"'`<>]*/gi, (token) => redactUrl(token));
}

const secrets = new Set<string>();

/** Remembers a password (as given and decoded) so that no later message can print it. */
export function rememberSecret(secret: string | undefined): void {
  if (!secret || secret.length < 3) return;
  secrets.add(secret);
  try {
    secrets.add(decodeURIComponent(secret));
  } catch {
    // not percent-encoded: the raw form is enough
  }
  secrets.add(encodeURIComponent(secret));
}

/** Remembers what could be the userinfo of a URL, however malformed the URL is. */
export function rememberUrlSecrets(url: string | undefined): void {
  if (!url) return;
  const m = SCHEME.exec(url);
  const rest = m ? m[3]! : url;
  const at = rest.lastIndexOf("@");
  if (at < 0) return;
  const userinfo = rest.slice(0, at);
  const colon = userinfo.indexOf(":");
  if (colon >= 0) rememberSecret(userinfo.slice(colon + 1));
}

/** `text` with URLs redacted and every remembered password replaced by `***`. */
export function redactSecrets(text: string): string {
  let out = redactUrlsIn(text);
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join("***");
  return out;
}
