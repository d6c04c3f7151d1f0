import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { activeYear, setActiveYear, setYearScope, setYears, yearPrefix } from '../../src/site/year-context.ts';

// The build renders several pages at once (build.concurrency); src/middleware.ts runs each in a scope like this one.
describe('the page year with pages rendering at once', () => {
  it('each page keeps the year it set across awaits, whatever other pages set meanwhile', async () => {
    const scope = new AsyncLocalStorage<{ year?: number | undefined }>();
    setYears(2024);
    setYearScope(() => scope.getStore());
    const tick = () => new Promise((r) => setTimeout(r, 1));
    const page = (year: number | undefined) =>
      scope.run({}, async () => {
        setActiveYear(year);
        const seen: (number | undefined)[] = [];
        for (let i = 0; i < 5; i++) {
          await tick();
          seen.push(activeYear());
        }
        return { seen, prefix: yearPrefix() };
      });
    const [a, b, c] = await Promise.all([page(2022), page(2023), page(undefined)]);
    expect(a).toEqual({ seen: [2022, 2022, 2022, 2022, 2022], prefix: '2022/' });
    expect(b).toEqual({ seen: [2023, 2023, 2023, 2023, 2023], prefix: '2023/' });
    // A page that sets no year shows the latest, not the year some other page set.
    expect(c).toEqual({ seen: [2024, 2024, 2024, 2024, 2024], prefix: '' });
  });
});
