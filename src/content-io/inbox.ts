/** Reading a month's inbox from disk (Node): `<year folder>/inbox/<YYYY-MM>/<reporter>.csv` and its manifest.yaml. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { CollectInput, InboxFile, ManifestEntry } from '../engine/collect.ts';
import type { Problem } from '../engine/problem.ts';
import { inboxManifestSchema } from '../engine/schemas/reporting.ts';
import { zodProblems } from '../engine/zod-problems.ts';

export const MANIFEST = 'manifest.yaml';

/** The inbox folder of a year's content folder (the folder holding scheme.yaml). */
export function inboxDir(yearDir: string, month?: string): string {
  return month ? join(yearDir, 'inbox', month) : join(yearDir, 'inbox');
}

/** Months that have an inbox folder, sorted. */
export function inboxMonths(yearDir: string): string[] {
  const dir = inboxDir(yearDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /^\d{4}-(0[1-9]|1[0-2])$/.test(n) && statSync(join(dir, n)).isDirectory())
    .sort();
}

/** Hidden files and Excel's lock files (~$name.csv) are not submissions. */
const ignored = (name: string) =>
  name.startsWith('.') || name.startsWith('~$') || name === MANIFEST || /^readme(\.\w+)?$/i.test(name);

/** Read one month's folder into collect's input; problems are the manifest's (YAML or schema). */
export function readInbox(yearDir: string, month: string, root: string): { input: CollectInput; problems: Problem[] } {
  const dir = inboxDir(yearDir, month);
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  const problems: Problem[] = [];
  const files: InboxFile[] = [];
  if (existsSync(dir))
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (ignored(name) || !statSync(path).isFile()) continue;
      files.push({ name, file: rel(path), bytes: new Uint8Array(readFileSync(path)) });
    }
  const read = readManifest(yearDir, month, root);
  problems.push(...read.problems);
  const manifest = read.manifest;
  return { input: { month, folder: rel(dir), files, manifest }, problems };
}

/** Read a month's manifest.yaml (reporter → received date), with the line of each entry; undefined when absent. */
export function readManifest(
  yearDir: string,
  month: string,
  root: string,
): { manifest: CollectInput['manifest']; problems: Problem[] } {
  const manifestPath = join(inboxDir(yearDir, month), MANIFEST);
  const problems: Problem[] = [];
  if (!existsSync(manifestPath)) return { manifest: undefined, problems };
  const file = relative(root, manifestPath).split('\\').join('/');
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(manifestPath, 'utf8'), { lineCounter, prettyErrors: false });
  const entries: ManifestEntry[] = [];
  if (doc.errors.length > 0)
    for (const e of doc.errors)
      problems.push({
        file,
        row: lineCounter.linePos(e.pos[0]).line,
        field: 'YAML',
        found: e.message.split('\n')[0],
        expected: '合法的 YAML：每行“报送单位代码: 收到日期”，如 sthjj: 2023-08-03',
      });
  else {
    const raw = (doc.toJS() as unknown) ?? {};
    const lineOf = (p: readonly PropertyKey[]) => {
      const node = doc.getIn(p as unknown[], true) as { range?: [number, number, number] } | undefined;
      return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    };
    const parsed = inboxManifestSchema.safeParse(raw);
    if (!parsed.success) problems.push(...zodProblems(parsed.error, raw, file, { lineOf }));
    else
      for (const [reporter, received] of Object.entries(parsed.data))
        entries.push({ reporter, received, row: lineOf([reporter]) });
  }
  return { manifest: { file, entries }, problems };
}
