export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const ENCODING_LABELS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
  gb18030: 'GB18030/GBK（中文 Windows 版 Excel）',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/**
 * Decode a file's bytes before parsing (a chunked parser could split a multi-byte character):
 * byte-order mark first, then strict UTF-8, then GB18030, which Excel on Chinese Windows writes.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // UTF-16 without a mark: its ASCII characters (digits, commas, line ends) put a zero in every pair.
  const sniff = utf16Guess(bytes);
  if (sniff) return { text: new TextDecoder(sniff).decode(bytes), encoding: sniff };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function utf16Guess(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 2048) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) { if (bytes[i] === 0) even++; if (bytes[i + 1] === 0) odd++; }
  const pairs = n / 2;
  if (odd > pairs * 0.2 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.2 && odd < pairs * 0.05) return 'utf-16be';
  return undefined;
}
