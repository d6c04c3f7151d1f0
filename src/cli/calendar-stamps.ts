/**
 * `kaohe calendar-stamps`: record in <content>/calendar-stamps.json when each calendar event last
 * changed, so subscribed calendars see SEQUENCE and LAST-MODIFIED move exactly when an event does.
 * Run it after changing dates, items or milestones, and commit the file with the change.
 */
import type { Model } from '../engine/index.ts';
import { reportingPlan } from '../engine/index.ts';
import type { IcsEvent } from '../site/calendar.ts';
import { calendarEvents, icsEvents, updateLedger } from '../site/calendar.ts';
import { readStampLedger, STAMPS_FILE, writeStampLedger } from '../content-io/calendar-stamps.ts';

/** Every year's events go in the one ledger (their UIDs carry the scheme id, so years never collide). */
export function calendarStampsCommand(models: Model | readonly Model[], contentDir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z');
  const before = readStampLedger(contentDir) ?? {};
  const { ledger, changed } = updateLedger(
    (Array.isArray(models) ? models : [models as Model]).flatMap(everyEvent),
    before,
    stamp,
  );
  const removed = Object.keys(before).filter((uid) => !(uid in ledger)).length;
  if (changed === 0 && removed === 0) return `日历事件均未修改，${STAMPS_FILE} 无需更新。\n`;
  writeStampLedger(contentDir, ledger);
  return `已更新 ${STAMPS_FILE}：${changed} 个事件新增或修改（记为 ${stamp}），${removed} 个事件已删除。请与内容修改一并提交。\n`;
}

/** Every VEVENT of every feed (combined, tier, unit, reporter) as the feeds write it (a series as one), once per UID. */
function everyEvent(model: Model): IcsEvent[] {
  const byUid = new Map<string, IcsEvent>();
  const scopes = [
    {},
    ...model.tiers.map((t) => ({ tier: t.id })),
    ...model.units.map((u) => ({ unit: u.id })),
    ...reportingPlan(model).reporters.map((r) => ({ reporter: r.id })),
  ];
  for (const scope of scopes)
    for (const e of icsEvents(calendarEvents(model, scope))) if (!byUid.has(e.uid)) byUid.set(e.uid, e);
  return [...byUid.values()];
}
