/**
 * A Lua string literal holding exactly the UTF-8 bytes of `text`: printable ASCII as itself, every
 * other byte as a decimal escape, so a generated data file is plain ASCII and needs no long-bracket
 * level chosen around its contents.
 */
export function luaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString().padStart(3, '0')}`;
  }
  return `${out}"`;
}
