export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const ENCODING_LABELS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
  gb18030: 'GB18030/GBK（中文 Windows 版 Excel）',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

export interface Decoded {
  text: string;
  encoding: Encoding;
  /**
   * The file is UTF-8 but some bytes are not (a cell pasted from a GBK file, a damaged byte): they are
   * decoded as U+FFFD, and the importer reports every cell holding one at its row and column.
   */
  invalidBytes?: true;
}

/**
 * Decode a file's bytes before parsing (a chunked parser could split a multi-byte character):
 * byte-order mark first, then strict UTF-8, then GB18030, which Excel on Chinese Windows writes.
 * A file that is mostly UTF-8 with a few bytes that are not (one GBK cell in a UTF-8 file, or invalid
 * bytes after a UTF-8 byte-order mark) stays UTF-8 and is marked `invalidBytes`, so the bad cells are
 * named instead of the whole file being misread as GB18030 (which garbles its header).
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8-bom' };
    } catch {
      return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8-bom', invalidBytes: true };
    }
  }
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
    const { valid3, invalid } = utf8Census(bytes);
    // Chinese text in UTF-8 is three-byte sequences; GBK text almost never forms them (about one in
    // fifty characters by chance) and is mostly invalid UTF-8. Mostly valid: UTF-8 with bad cells.
    if (valid3 >= 2 * invalid)
      return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', invalidBytes: true };
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Valid three-byte UTF-8 sequences and invalid lead bytes, in one pass. */
export function utf8Census(bytes: Uint8Array): { valid3: number; invalid: number } {
  let valid3 = 0;
  let invalid = 0;
  const n = bytes.length;
  const cont = (k: number) => k < n && (bytes[k]! & 0xc0) === 0x80;
  for (let i = 0; i < n;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf && cont(i + 1)) {
      i += 2;
      continue;
    }
    if (b >= 0xe0 && b <= 0xef && cont(i + 1) && cont(i + 2)) {
      valid3++;
      i += 3;
      continue;
    }
    if (b >= 0xf0 && b <= 0xf4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      i += 4;
      continue;
    }
    invalid++;
    i++;
  }
  return { valid3, invalid };
}

function utf16Guess(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 2048) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.2 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.2 && odd < pairs * 0.05) return 'utf-16be';
  return undefined;
}
