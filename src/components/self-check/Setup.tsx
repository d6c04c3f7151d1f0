/** Steps 1–2: choose the unit and period, download the template, import a file (drop or pick). */
import { useId, useState } from 'react';
import { monthLabel } from '../../engine/period.ts';
import type { DragEvent } from 'react';
import {
  cancelImport,
  downloadTemplate,
  importFile,
  selectTemplateMonth,
  selectUnit,
  setWholeFile,
} from '../../client/store.ts';
import { useStore } from './use-store.ts';
import { PHASES, percent } from './format.ts';

export default function Setup() {
  const s = useStore();
  const id = useId();
  const [over, setOver] = useState(false);
  const c = s.catalog;
  const busy = s.importing !== null;
  // Two steps (category, then unit) keep the lists short even for a province's thousands of units.
  const [tierPick, setTierPick] = useState<string>('');
  const unitTier = c?.tiers.find((t) => t.units.some((u) => u.id === s.unit))?.id ?? '';
  const tier = c?.tiers.find((t) => t.id === (tierPick || unitTier)) ?? null;

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void importFile(f);
  };

  return (
    <section className="sc-setup no-print" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>第一步：选择单位与期间，下载填报模板</h2>
      <div className="sc-row">
        <label htmlFor={`${id}-tier`}>类别</label>
        <select
          id={`${id}-tier`}
          value={tier?.id ?? ''}
          disabled={!c}
          onChange={(e) => {
            setTierPick(e.target.value);
            if (e.target.value !== unitTier) selectUnit(null);
          }}
          data-testid="tier"
        >
          <option value="">请选择…</option>
          {c?.tiers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}（{t.units.length} 个单位）
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-unit`}>本单位</label>
        <select
          id={`${id}-unit`}
          value={s.unit ?? ''}
          disabled={!tier}
          onChange={(e) => selectUnit(e.target.value || null)}
          data-testid="unit"
        >
          <option value="">{tier ? '请选择…' : '先选类别'}</option>
          {tier?.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-month`}>填报月份</label>
        <select
          id={`${id}-month`}
          value={s.templateMonth ?? ''}
          disabled={!c}
          onChange={(e) => selectTemplateMonth(e.target.value)}
          data-testid="period"
        >
          {c &&
            Array.from({ length: 12 }, (_, i) => `${c.year}-${String(i + 1).padStart(2, '0')}`).map((m) => (
              <option key={m} value={m}>
                {monthLabel(m)}
                {c.months.includes(m) ? '' : '（尚无公布数据）'}
              </option>
            ))}
        </select>
        <button
          type="button"
          onClick={() => void downloadTemplate()}
          disabled={!s.unit || !s.templateMonth}
          data-testid="template"
        >
          下载本单位填报模板（CSV）
        </button>
      </div>
      <p className="muted">
        模板列出本单位的全部考核事项和加减分事项，并预填该月已公布的数值（数据按年初至该月累计）。用 Excel 填写后另存为
        CSV（UTF-8 或中文 Windows 默认编码均可）。
      </p>

      <h2>第二步：导入数据</h2>
      <div
        className={`sc-drop${over ? ' sc-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="drop"
      >
        <p>把 CSV 文件拖到这里，或</p>
        <label className="button primary sc-pick">
          选择文件…
          <input
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            disabled={busy || (!s.wholeFile && !s.unit) || !c}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importFile(f);
            }}
            data-testid="file"
          />
        </label>
        <p className="muted">
          {s.wholeFile
            ? '整份数据文件：接受所有单位的行，导入后替代公布数据计算排名。'
            : s.unit
              ? '只接受本单位的行；导入后与已公布的同类单位数据一起排名。'
              : '请先在上方选择本单位。'}
        </p>
        <label className="sc-check">
          <input
            type="checkbox"
            checked={s.wholeFile}
            onChange={(e) => setWholeFile(e.target.checked)}
            disabled={busy}
            data-testid="whole-file"
          />
          导入整份数据文件（包含多个单位，如下载的公布数据）
        </label>
        <p className="muted sc-private">文件只在本机浏览器中读取和计算，不会上传到任何地方。</p>
      </div>
      {s.importing && (
        <div className="sc-progress" data-testid="importing">
          <label htmlFor={`${id}-progress`}>
            {PHASES[s.importing.phase] ?? s.importing.phase}：{s.importing.fileName}
          </label>
          <progress
            id={`${id}-progress`}
            max={1}
            value={s.importing.fraction}
            aria-valuetext={percent(s.importing.fraction, 0, false)}
          />
          <span aria-hidden="true">{percent(s.importing.fraction, 0, false)}</span>
          <button type="button" onClick={cancelImport} data-testid="cancel">
            取消
          </button>
        </div>
      )}
    </section>
  );
}
