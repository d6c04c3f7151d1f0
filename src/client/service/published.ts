/**
 * The published data the self-check ranks own data among: the site's per-month files (self-check/published/),
 * each fetched once, on demand, and joined into one set of columns.
 */
import type { DataColumns } from '../../engine/data.ts';
import type { PublishedIndexJson, PublishedMonthJson } from '../../engine/packed.ts';
import { columnsFromMonths } from '../../engine/packed.ts';

export class PublishedData {
  index: PublishedIndexJson = { sample: false, note: '', months: [] };
  private readonly months = new Map<string, PublishedMonthJson>();
  /** Every month read so far, as one set of columns (null before the first read). */
  columns: DataColumns | null = null;
  private url = '';

  private readonly get: (url: string) => Promise<unknown>;

  constructor(get: (url: string) => Promise<unknown>) {
    this.get = get;
  }

  /** The index of published months; a site without one (or unreachable) has none. */
  async load(url: string): Promise<PublishedIndexJson> {
    this.url = url;
    this.index = await (this.get(url) as Promise<PublishedIndexJson>).catch(() => ({
      sample: false,
      note: '',
      months: [],
    }));
    return this.index;
  }

  /** Every month's URL (what the page keeps for offline use). */
  urls(): string[] {
    return this.index.months.map((m) => new URL(m.url, this.url).href);
  }

  /** Read every month up to `upTo` (history included) not read yet; true when the columns changed. */
  async ensure(upTo: string): Promise<boolean> {
    const want = this.index.months.filter((m) => m.month <= upTo && !this.months.has(m.month));
    if (want.length === 0 && this.columns) return false;
    const got = await Promise.all(
      want.map((m) => this.get(new URL(m.url, this.url).href) as Promise<PublishedMonthJson>),
    );
    for (const m of got) this.months.set(m.month, m);
    this.columns = columnsFromMonths([...this.months.values()].sort((a, b) => a.month.localeCompare(b.month)));
    return true;
  }
}
