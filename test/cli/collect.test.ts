/** `kaohe collect` and `kaohe template --reporter` through the real entry, on a copy of content/. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runKaohe } from '../support/kaohe-cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'kaohe-collect-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const CONTENT = join(TMP, 'content');
cpSync(join(ROOT, 'content'), CONTENT, { recursive: true });
const MONTH_FILE = join(CONTENT, '2023', 'data', '2023-07.csv');
const STHJJ = join(CONTENT, '2023', 'inbox', '2023-07', 'sthjj.csv');
const original = readFileSync(MONTH_FILE, 'utf8');
const originalSthjj = readFileSync(STHJJ, 'utf8');

function kaohe(...args: string[]) {
  return runKaohe([...args, '--content', CONTENT]);
}
// The field names the row's item (code and name) when the problem is about the item's value.
const PROBLEM_LINE =
  /^content\/2023\/inbox\/2023-07\/sthjj\.csv:\d+: 实际值（事项 [A-Z0-9-]+ .+） — 发现 “[^”]*”，应为 .+$/m;

describe('kaohe collect', () => {
  it('a bad submission: the receipt and every problem are printed, exit 1, the month file is untouched', () => {
    writeFileSync(STHJJ, originalSthjj.replace(/^(2023-07,[^,]+,[^,]+,[^,]+,[^,]+,)[\d.]+/m, '$1十二'));
    const r = kaohe('collect', '--period', '2023-07');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('数据报送回执');
    expect(r.stderr).toMatch(PROBLEM_LINE);
    expect(r.stderr).toContain('未写入');
    expect(readFileSync(MONTH_FILE, 'utf8')).toBe(original);
  });

  it('a clean inbox writes the month file atomically (no temp file left) and byte for byte the published one', () => {
    writeFileSync(STHJJ, originalSthjj);
    rmSync(MONTH_FILE);
    const r = kaohe('collect', '--period', '2023-07');
    expect(r.stderr).not.toContain('未写入');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/按时 \d+，迟报 \d+，未报送 0/);
    expect(r.stdout).toContain(
      '已写入 content/2023/data/2023-07.csv（926 行）'.replace('926', String(original.trim().split('\r\n').length - 1)),
    );
    expect(readFileSync(MONTH_FILE, 'utf8')).toBe(original);
    expect(readdirSync(join(CONTENT, '2023', 'data')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a corrected file replaces that reporter rows only', () => {
    const line = originalSthjj.split('\r\n')[1]!;
    const fixed = line.replace(/^((?:[^,]*,){5})([\d.]+)/, (_, head: string, v: string) => `${head}${Number(v) + 1}`);
    writeFileSync(STHJJ, originalSthjj.replace(line, fixed));
    const r = kaohe('collect', '--period', '2023-07');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('与原 content/2023/data/2023-07.csv 相比：市生态环境局（改 1 行）。');
    const before = original.split('\r\n');
    const after = readFileSync(MONTH_FILE, 'utf8').split('\r\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((l, i) => l !== before[i]);
    expect(changed).toEqual([fixed]);
  });

  it('without --period is a usage error', () => {
    const r = kaohe('collect');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--period');
  });
});

describe('kaohe template --reporter', () => {
  it('writes the reporter template: its items × the units it reports for, UTF-8 with BOM', () => {
    const out = join(TMP, 'sthjj-template.csv');
    const r = kaohe('template', '--reporter', 'sthjj', '--period', '2023-07', '--out', out);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text.slice(1).split('\r\n').slice(1);
    expect(new Set(rows.map((l) => l.split(',')[3]!.slice(0, 6)))).toEqual(new Set(['CD-ECO', 'CO-ECO']));
    expect(rows.every((l) => l.startsWith('2023-07,'))).toBe(true);
  });

  it('an unknown reporter is a usage error naming the fix', () => {
    const r = kaohe('template', '--reporter', 'nobody', '--period', '2023-07');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('units.csv');
  });
});

describe('kaohe validate checks the inbox', () => {
  const dir = join(TMP, 'validate', 'content');
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  const month = join(dir, '2023', 'data', '2023-07.csv');
  const manifest = join(dir, '2023', 'inbox', '2023-07', 'manifest.yaml');
  const monthText = readFileSync(month, 'utf8');
  const manifestText = readFileSync(manifest, 'utf8');
  const validate = () => runKaohe(['validate', '--content', dir]);

  it('passes the shipped inbox, saying how many submissions agree with the data', () => {
    const r = validate();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/content\/2023）.*报送文件 12 个月 \d+ 份，与期间数据一致/);
  });

  it('a collected month edited by hand no longer matches its inbox: named, with the fix', () => {
    const rows = monthText.split('\r\n');
    rows[1] = rows[1]!.replace(/^((?:[^,]*,){5})([\d.]+)/, (_, head: string, v: string) => `${head}${Number(v) + 1}`);
    writeFileSync(month, rows.join('\r\n'));
    const r = validate();
    writeFileSync(month, monthText);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'content/2023/data/2023-07.csv: — 发现 “与 content/2023/inbox/2023-07/ 的汇总结果不同”，应为 由报送文件汇总而成：运行 npm run kaohe -- collect --period 2023-07',
    );
  });

  it('a manifest date that is not a date is named at its line', () => {
    const lines = manifestText.split('\n');
    const at = lines.findIndex((l) => /^\w+: /.test(l));
    const reporter = lines[at]!.split(':')[0]!;
    lines[at] = `${reporter}: 2023-08-3x`;
    writeFileSync(manifest, lines.join('\n'));
    const r = validate();
    writeFileSync(manifest, manifestText);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`content/2023/inbox/2023-07/manifest.yaml:${at + 1}: ${reporter} — 发现 “2023-08-3x”`);
  });
});
