/**
 * `validate` over a year's inbox: every month folder is collected as `kaohe collect` would (missing reporters
 * allowed: a month in progress is not an error), and a month whose data file exists must be exactly what its
 * inbox collects to. So a hand edit of a collected data file, a manifest typo or a submission that no longer
 * validates is found before the build publishes it, not at the next collect.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Model } from '../engine/index.ts';
import { collectMonth, dataToCsv } from '../engine/index.ts';
import type { Problem } from '../engine/problem.ts';
import { inboxMonths, readInbox } from './inbox.ts';

export interface InboxCheck {
  problems: Problem[];
  /** Months checked, and how many submission files they held. */
  months: number;
  files: number;
}

export function checkInboxes(yearDir: string, model: Model, root: string): InboxCheck {
  const problems: Problem[] = [];
  let files = 0;
  const months = inboxMonths(yearDir);
  for (const month of months) {
    const read = readInbox(yearDir, month, root);
    files += read.input.files.length;
    problems.push(...read.problems);
    const res = collectMonth(model, { ...read.input, allowMissing: true });
    problems.push(...res.problems);
    if (read.problems.length > 0 || !res.data) continue;
    const target = join(yearDir, 'data', `${month}.csv`);
    if (!existsSync(target)) continue;
    if (readFileSync(target, 'utf8') !== dataToCsv(res.data, model))
      problems.push({
        file: relative(root, target).split('\\').join('/'),
        found: `与 ${read.input.folder}/ 的汇总结果不同`,
        expected: `由报送文件汇总而成：运行 npm run kaohe -- collect --period ${month}（只改动有差异的报送单位的行）；确需改数据时改报送文件，不要直接改 data/ 下的文件`,
      });
  }
  return { problems, months: months.length, files };
}
