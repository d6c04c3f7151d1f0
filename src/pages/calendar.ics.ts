import type { APIRoute } from 'astro';
import { latestYear, siteData, CONTENT_DIR } from '../site/data.ts';
import { calendarDescription, icsHref, yearsEvents, yearsStamp } from '../site/calendar-years.ts';
import { icsEvents, staleStamps, toIcs } from '../site/calendar.ts';
import { readStampLedger } from '../content-io/calendar-stamps.ts';

/** Every dispatch date, review, check and labelled milestone of every year. */
export const GET: APIRoute = () => {
  const { model } = siteData(latestYear());
  const events = yearsEvents();
  const ledger = readStampLedger(CONTENT_DIR);
  const stale = staleStamps(icsEvents(events), ledger);
  if (stale > 0)
    console.warn(
      `[kaohe] 日历：${stale} 个事件与 calendar-stamps.json 不一致（新增或已修改），本次按内容日期标记为已更新；运行 npm run kaohe -- calendar-stamps 并提交该文件，以记下修改时间。`,
    );
  const body = toIcs(events, {
    name: `${model.scheme.shortName}日历`,
    description: calendarDescription(`${model.scheme.name}：调度日程和时间节点`),
    stamp: yearsStamp(),
    href: icsHref,
    ledger,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
