/** The calendar's stamp ledger on disk: <content>/calendar-stamps.json, written by `kaohe calendar-stamps`. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StampLedger } from '../site/calendar.ts';

export const STAMPS_FILE = 'calendar-stamps.json';

const cache = new Map<string, StampLedger | undefined>();

/** The ledger (read once per process), or undefined when the content has none or it is not valid JSON: then every event is new. */
export function readStampLedger(contentDir: string): StampLedger | undefined {
  const path = join(contentDir, STAMPS_FILE);
  if (cache.has(path)) return cache.get(path);
  let ledger: StampLedger | undefined;
  try {
    ledger = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as StampLedger) : undefined;
  } catch {
    ledger = undefined;
  }
  cache.set(path, ledger);
  return ledger;
}

export function writeStampLedger(contentDir: string, ledger: StampLedger): void {
  writeFileSync(join(contentDir, STAMPS_FILE), `${JSON.stringify(ledger, null, 1)}\n`);
}
