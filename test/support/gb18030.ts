/**
 * GB18030 bytes for test text (Node's TextEncoder only writes UTF-8): ASCII as is, other characters
 * from the two-byte (GBK) range, found by decoding every lead/trail pair with TextDecoder('gb18030').
 */
let table: Map<string, [number, number]> | undefined;

export function gb18030(text: string): Uint8Array {
  if (!table) {
    table = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const pair = table.get(ch);
    if (!pair) throw new Error(`no two-byte GB18030 code for ${ch}`);
    out.push(pair[0], pair[1]);
  }
  return new Uint8Array(out);
}
