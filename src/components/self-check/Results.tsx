/**
 * Results of the active data set: total, rank and grade among the tier's peers, coefficient, rank
 * range, flags, consequences, every item with score, pace and explanation (editable for what-if),
 * the ranking, export and print, and the charts (loaded on demand).
 */
import { lazy, Suspense, useDeferredValue, useEffect, useRef, useState } from 'react';
import type { UnitResult } from '../../engine/score.ts';
import {
  editValue,
  exportRanking,
  exportResults,
  printResults,
  refreshView,
  rendered,
  resetEdits,
  selectPeriod,
  setViewTier,
  setViewUnit,
  showCharts,
} from '../../client/store.ts';
import type { RankRow, ScoreView } from '../../client/protocol.ts';
import { useStore } from './use-store.ts';
import { fixed, paceLabel, range, value } from './format.ts';
import { AdvicePanel } from './Advice.tsx';

const Charts = lazy(() => import('./Charts.tsx'));
const PAGE = 50;
const EMPTY_ROWS: RankRow[] = [];
const EMPTY_ITEMS: UnitResult['items'] = [];

export default function Results() {
  const s = useStore();
  const heading = useRef<HTMLHeadingElement>(null);
  const v = s.view;
  const active = s.storage?.datasets.find((d) => d.id === s.storage?.activeId);

  useEffect(() => {
    if (v) rendered('view');
  }, [v]);
  useEffect(() => {
    if (s.lastImport?.ok) heading.current?.focus();
  }, [s.lastImport]);

  if (!active) return null;
  return (
    <section className="sc-results" aria-labelledby="sc-results-h" aria-busy={s.viewBusy} data-testid="results">
      <h2 id="sc-results-h" tabIndex={-1} ref={heading}>
        自查结果{s.viewBusy && v && <span className="muted sc-busy">（正在核算…）</span>}
      </h2>
      <p className="sc-source">
        数据：<strong>{active.file}</strong>
        {active.scope === 'unit'
          ? `（${active.unitName}自己的数据，替代其已公布数据，与已公布的同类单位一起排名）`
          : '（整份数据文件，替代公布数据计算）'}
        {v?.sample && <span className="sc-sample">　示例数据，非官方结果</span>}
      </p>
      {s.viewError && (
        <p className="sc-notice sc-error" role="alert">
          {s.viewError}{' '}
          <button type="button" onClick={() => void refreshView()}>
            重试
          </button>
        </p>
      )}
      {!v ? <p>正在计分…</p> : <ResultBody view={v} />}
    </section>
  );
}

function ResultBody({ view: v }: { view: ScoreView }) {
  const s = useStore();
  const u = v.unit;
  const d = v.decimals;
  return (
    <>
      <div className="sc-row no-print">
        <label htmlFor="sc-view-period">期间</label>
        <select
          id="sc-view-period"
          value={v.period}
          onChange={(e) => selectPeriod(e.target.value)}
          data-testid="view-period"
        >
          {v.periods.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        {v.source !== 'unit' && (
          <>
            <label htmlFor="sc-view-tier">类别</label>
            <select id="sc-view-tier" value={v.tier} onChange={(e) => setViewTier(e.target.value)}>
              {s.catalog?.tiers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            {u && (
              <button type="button" onClick={() => setViewUnit(null)}>
                收起 {u.name} 的明细
              </button>
            )}
          </>
        )}
      </div>
      {v.note && <p className="sc-notice">{v.note}</p>}
      {u ? (
        <UnitSummary view={v} unit={u} />
      ) : v.source === 'unit' ? null : (
        <p>点击排名表中的单位名称，查看其各事项得分与说明。</p>
      )}
      {u && <ItemsTable view={v} unit={u} />}
      <Ranking view={v} />
      <div className="sc-row no-print">
        {u && (
          <button type="button" onClick={() => void exportResults()} data-testid="export">
            导出本单位结果（CSV）
          </button>
        )}
        <button type="button" onClick={() => void exportRanking(v.datasetId, v.tier, v.period)}>
          导出排名（CSV）
        </button>
        <button type="button" onClick={printResults}>
          打印
        </button>
      </div>
      {u && (
        <section className="sc-charts" aria-labelledby="sc-charts-h">
          <h3 id="sc-charts-h">图表</h3>
          <button
            type="button"
            className="no-print"
            aria-expanded={s.chartsShown}
            onClick={() => showCharts(!s.chartsShown)}
            data-testid="charts-toggle"
          >
            {s.chartsShown ? '收起图表' : '显示图表'}
          </button>
          {s.chartsShown && (
            <Suspense fallback={<p>正在加载图表…</p>}>
              <Charts view={v} unit={u} progress={s.progress} />
            </Suspense>
          )}
        </section>
      )}
      <p className="muted sc-decimals">得分保留 {d} 位小数；计算在本机浏览器中完成，与网站公布排名使用同一计分引擎。</p>
    </>
  );
}

function UnitSummary({ view: v, unit: u }: { view: ScoreView; unit: UnitResult }) {
  const d = v.decimals;
  const before = v.unitBefore;
  return (
    <>
      <h3>
        {u.name} · {v.periodLabel} · {v.tierName}
      </h3>
      <dl className="sc-summary" data-testid="summary">
        <div>
          <dt>总分</dt>
          <dd data-testid="total">{fixed(u.total, d)}</dd>
        </div>
        <div>
          <dt>排名</dt>
          <dd data-testid="rank">
            第 {u.rank} 名 / {v.ranking.length}
          </dd>
        </div>
        <div>
          <dt>等次</dt>
          <dd data-testid="grade">{u.gradeLabel}</dd>
        </div>
        <div>
          <dt>评价系数</dt>
          <dd>{fixed(u.coefficient, 2)}</dd>
        </div>
        <div>
          <dt>排名区间</dt>
          <dd title="权重随机变动时可能的名次范围">{v.rangesPending ? '计算中…' : range(u.rankRange)}</dd>
        </div>
        <div>
          <dt>上期排名</dt>
          <dd data-testid="previous-rank" title={u.previousComparable === false ? NOT_COMPARABLE : undefined}>
            {previousText(u)}
          </dd>
        </div>
      </dl>
      {before && (
        <p className="sc-whatif-delta" role="status" data-testid="whatif-delta">
          模拟修改后：总分 {fixed(before.total, d)} → <strong>{fixed(u.total, d)}</strong>，排名第 {before.rank} →{' '}
          <strong>第 {u.rank}</strong> 名，等次 {before.gradeLabel} → <strong>{u.gradeLabel}</strong>。
        </p>
      )}
      {v.advice && <AdvicePanel advice={v.advice} unit={u} decimals={d} pending={v.rangesPending} />}
      <details className="sc-steps">
        <summary>总分如何算出</summary>
        <ol>
          {u.explanation.steps.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ol>
      </details>
      {v.veto && (
        <p className="sc-notice" data-testid="veto">
          一票否决：{v.veto.text}
        </p>
      )}
      <h4>挂牌督办事项</h4>
      {u.flagged.length === 0 ? (
        <p>无。</p>
      ) : (
        <ul data-testid="flagged">
          {u.flagged.map((f) => (
            <li key={f.code}>
              {f.name}：{f.reason}（{paceLabel(f.pace)}）
            </li>
          ))}
        </ul>
      )}
      <h4>结果运用</h4>
      {u.consequences.length === 0 ? (
        <p>{v.period.endsWith('-Y') ? '无。' : '结果运用按年度结果确定（选择年度期间查看）。'}</p>
      ) : (
        <ul data-testid="consequences">
          {u.consequences.map((c) => (
            <li key={c.id} data-id={c.id}>
              {c.label}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ItemsTable({ view: v, unit: u }: { view: ScoreView; unit: UnitResult }) {
  const s = useStore();
  const d = v.decimals;
  const editing = Object.keys(s.edits).length > 0;
  const items = useDeferredValue(u.items, EMPTY_ITEMS);
  return (
    <section aria-labelledby="sc-items-h">
      <h3 id="sc-items-h">各事项得分（可直接修改数值做模拟）</h3>
      <p className="muted no-print">修改实际值或目标值，总分、排名和等次立即随之变化；模拟不会改动已保存的数据。</p>
      {v.editProblems.length > 0 && (
        <div className="sc-notice sc-error" role="alert" data-testid="edit-problems">
          <p>以下模拟数值无法使用（下方仍显示修改前的结果）：</p>
          <ul>
            {v.editProblems.map((p, i) => (
              <li key={i}>
                {p.field}：发现“{p.found}”，应为{p.expected}
              </li>
            ))}
          </ul>
        </div>
      )}
      {editing && (
        <p className="no-print">
          <button type="button" onClick={resetEdits} data-testid="reset">
            重置模拟
          </button>
        </p>
      )}
      <div className="table-scroll" role="region" tabIndex={0} aria-label={`${u.name}各事项得分`}>
        <table className="sc-items stack" data-testid="items" data-current={items === u.items}>
          <caption className="visually-hidden">{u.name}各事项得分</caption>
          <thead>
            <tr>
              <th>事项</th>
              <th className="num">权重</th>
              <th>实际值</th>
              <th>目标值</th>
              <th className="num">得分</th>
              <th>进度</th>
              <th>计算过程</th>
            </tr>
          </thead>
          <tbody>
            {items.map((it) => {
              const e = s.edits[it.code];
              const a = e?.actual ?? value(it.actual);
              const t = e?.target ?? value(it.target);
              return (
                <tr key={it.code} className={it.flagged ? 'sc-flagged' : undefined} data-code={it.code}>
                  <th scope="row">
                    <span className="sc-code">{it.code}</span> {it.name}
                    {it.flagged && <span className="pill pace-severely-lagging">挂牌督办</span>}
                  </th>
                  <td className="num" data-label="权重">
                    {it.weight}
                  </td>
                  <td data-label="实际值">
                    <input
                      className="sc-input"
                      value={a}
                      inputMode={typeof it.actual === 'string' ? 'text' : 'decimal'}
                      aria-label={`${it.name} 实际值`}
                      onChange={(ev) => editValue(it.code, 'actual', ev.target.value)}
                      data-field="actual"
                    />
                  </td>
                  <td data-label="目标值">
                    <input
                      className="sc-input"
                      value={t}
                      inputMode="decimal"
                      aria-label={`${it.name} 目标值`}
                      onChange={(ev) => editValue(it.code, 'target', ev.target.value)}
                      data-field="target"
                    />
                  </td>
                  <td className="num" data-field="score" data-label="得分">
                    {fixed(it.score, d)}
                  </td>
                  <td data-label="进度">
                    <span className={`pill pace-${it.pace}`}>{paceLabel(it.pace)}</span>
                  </td>
                  <td className="wide">
                    {it.explanation && (
                      <details>
                        <summary>说明</summary>
                        <p>{it.explanation.standard}</p>
                        <ul>
                          {it.explanation.inputs.map((x) => (
                            <li key={x.label}>
                              {x.label}：{x.value}
                            </li>
                          ))}
                        </ul>
                        <p>{it.explanation.formula}</p>
                        <p className="muted">{it.explanation.rounding}</p>
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Ranking({ view: v }: { view: ScoreView }) {
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [v.tier, v.period, v.datasetId]);
  // Long tables render in an interruptible pass after the summary, so no single task blocks the page.
  const rows = useDeferredValue(v.ranking, EMPTY_ROWS);
  const own = rows.findIndex((r) => r.own || r.unit === v.unit?.unit);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, page * PAGE + PAGE);
  return (
    <section aria-labelledby="sc-rank-h">
      <h3 id="sc-rank-h">
        {v.tierName} · {v.periodLabel}排名（{rows.length} 个单位）
      </h3>
      <RankTable
        rows={shown}
        decimals={v.decimals}
        selected={v.unit?.unit ?? null}
        caption={`${v.tierName}${v.periodLabel}排名`}
        onPick={v.source === 'unit' ? undefined : setViewUnit}
        current={rows === v.ranking}
        pending={v.rangesPending}
      />
      {pages > 1 && (
        <nav className="sc-row no-print" aria-label="排名分页">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            上一页
          </button>
          <span>
            第 {page + 1} / {pages} 页
          </span>
          <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            下一页
          </button>
          {own >= 0 && (
            <button type="button" onClick={() => setPage(Math.floor(own / PAGE))}>
              跳到本单位
            </button>
          )}
        </nav>
      )}
    </section>
  );
}

export function RankTable({
  rows,
  decimals,
  selected,
  caption,
  onPick,
  current = true,
  pending = false,
}: {
  rows: RankRow[];
  decimals: number;
  selected: string | null;
  caption: string;
  onPick?: ((unit: string) => void) | undefined;
  /** False while a newer ranking is still rendering (deferred). */
  current?: boolean;
  /** Rank ranges still being computed (the first result of an import). */
  pending?: boolean;
}) {
  return (
    <div className="table-scroll" role="region" tabIndex={0} aria-label={caption}>
      <table data-testid="ranking" data-current={current}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th className="num">排名</th>
            <th>单位</th>
            <th className="num">总分</th>
            <th>等次</th>
            <th className="num">系数</th>
            <th>排名区间</th>
            <th className="num">上期</th>
            <th className="num">督办</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.unit} className={r.unit === selected ? 'hl' : undefined} data-unit={r.unit}>
              <td className="num" data-field="rank">
                {r.rank}
              </td>
              <td>
                {onPick ? (
                  <button
                    type="button"
                    className="sc-link"
                    onClick={() => onPick(r.unit)}
                    aria-pressed={r.unit === selected}
                  >
                    {r.name}
                  </button>
                ) : (
                  r.name
                )}
                {r.own && <span className="sc-own">（自查数据）</span>}
                {!r.hasData && <span className="muted">（无数据）</span>}
              </td>
              <td className="num" data-field="total">
                {fixed(r.total, decimals)}
              </td>
              <td>{r.gradeLabel}</td>
              <td className="num">{fixed(r.coefficient, 2)}</td>
              <td>{pending ? '计算中…' : range(r.rankRange)}</td>
              <td
                className="num"
                data-field="previous"
                title={r.previousComparable === false ? NOT_COMPARABLE : undefined}
              >
                {previousText(r)}
              </td>
              <td className="num">{r.flagged || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const NOT_COMPARABLE = '上期是上一年度，两年度本类单位的考核事项不同，名次不可比';

/** The previous period's rank, or 不可比 when it is last year's under a different item list (as the site shows). */
function previousText(r: { previousRank: number | null; previousComparable: boolean | null }): string {
  return r.previousComparable === false ? '不可比' : r.previousRank === null ? '—' : String(r.previousRank);
}
