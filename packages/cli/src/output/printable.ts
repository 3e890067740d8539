/**
 * Names in retort's output come from the user's entities, migration files and database
 * catalog, and any of them may hold control characters (an ANSI escape in a table name
 * can recolour, clear or retitle the terminal). Human output is passed through here
 * (README.md, "Exit codes": one clear message): every control character becomes a
 * visible escape such as `\x1b`, except the line breaks and tabs of retort's own layout
 * and, when colour is on, the exact SGR sequences of retort's own palette.
 */
const OWN_COLOURS = /\u001b\[(?:1|2|22|31|32|33|39)m/y;

// C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides that reorder text.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function printable(text: string, keepOwnColours: boolean): string {
  if (!CONTROL.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (keepOwnColours && text[i] === "\u001b") {
      OWN_COLOURS.lastIndex = i;
      const own = OWN_COLOURS.exec(text);
      if (own) {
        out += own[0];
        i += own[0].length - 1;
        continue;
      }
    }
    out += escapeControl(text[i]!);
  }
  return out;
}

function escapeControl(ch: string): string {
  if (!CONTROL.test(ch)) return ch;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
