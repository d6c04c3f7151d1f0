/** Verify a published ranking: recompute it in this browser from the published data and compare with the site's. */
import { runVerify, setVerify } from '../../client/store.ts';
import { useStore } from './use-store.ts';
import { fixed } from './format.ts';
import { RankTable } from './Results.tsx';

export default function Verify() {
  const s = useStore();
  const c = s.catalog;
  const v = s.verify;
  if (!c) return null;
  const r = v.result;
  return (
    <section className="sc-verify" aria-labelledby="sc-verify-h" data-testid="verify">
      <h2 id="sc-verify-h">核对公布的排名</h2>
      <p>用网站公布的期间数据，在本机浏览器中重新计算某一类别、某一期间的排名，并与网站公布的排名逐一比对。</p>
      <div className="sc-row no-print">
        <label htmlFor="sc-verify-tier">类别</label>
        <select
          id="sc-verify-tier"
          value={v.tier}
          onChange={(e) => setVerify({ tier: e.target.value })}
          data-testid="verify-tier"
        >
          {c.tiers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label htmlFor="sc-verify-period">期间</label>
        <select
          id="sc-verify-period"
          value={v.period}
          onChange={(e) => setVerify({ period: e.target.value })}
          data-testid="verify-period"
        >
          {c.periods.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="primary"
          onClick={() => void runVerify()}
          disabled={v.busy}
          data-testid="verify-run"
        >
          {v.busy ? '正在计算…' : '重新计算并核对'}
        </button>
      </div>
      {v.error && (
        <p className="sc-notice sc-error" role="alert">
          {v.error}
        </p>
      )}
      {r && (
        <div data-testid="verify-result">
          {r.site.found ? (
            r.site.mismatches.length === 0 ? (
              <p className="sc-notice sc-good" data-testid="verify-match">
                一致：{r.site.units} 个单位的总分和排名与网站公布的{' '}
                <a href={r.site.url}>
                  {r.view.tierName}
                  {r.view.periodLabel}排名
                </a>{' '}
                完全相同。
              </p>
            ) : (
              <div className="sc-notice sc-error" role="alert" data-testid="verify-mismatch">
                <p>{r.site.mismatches.length} 个单位与网站公布的不一致：</p>
                <ul>
                  {r.site.mismatches.map((m) => (
                    <li key={m.unit}>
                      {m.name}：网站 {fixed(m.siteTotal, r.view.decimals)}（第 {m.siteRank ?? '—'} 名），本机{' '}
                      {fixed(m.total, r.view.decimals)}（第 {m.rank ?? '—'} 名）
                    </li>
                  ))}
                </ul>
              </div>
            )
          ) : (
            <p className="sc-notice">网站没有该期的排名文件可供比对，下表为本机按公布数据算出的结果。</p>
          )}
          <RankTable
            rows={r.view.ranking}
            decimals={r.view.decimals}
            selected={null}
            caption={`${r.view.tierName}${r.view.periodLabel}排名（本机计算）`}
          />
        </div>
      )}
    </section>
  );
}
