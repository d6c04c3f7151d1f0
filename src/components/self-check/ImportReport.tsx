/** The outcome of the last import: every problem at once (row, field, found, expected), or success. */
import { useEffect, useRef } from 'react';
import { downloadProblems, rendered } from '../../client/store.ts';
import { useStore } from './use-store.ts';
import { bytes } from './format.ts';
import { groupProblems, rowList } from '../../engine/problem.ts';
import type { Problem } from '../../engine/problem.ts';

/** The row cell: one row, or the rows an identical problem is on (2–33、40). */
const rowCell = (p: Problem) => (p.rows && p.rows.length > 1 ? rowList(p.rows) : (p.row ?? '—'));

export default function ImportReport() {
  const { lastImport: li, storage } = useStore();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (li && !li.ok) {
      heading.current?.focus();
      rendered('problems');
    }
  }, [li]);
  if (!li) return null;
  if (li.ok) {
    const meta = storage?.datasets.find((d) => d.id === storage.activeId);
    return (
      <section className="sc-report sc-ok no-print" data-testid="import-ok" data-save={li.save}>
        <p>
          已导入 <strong>{li.fileName}</strong>：{li.rows} 行，编码 {li.encoding}，用时 {(li.ms / 1000).toFixed(2)} 秒
          {li.save === 'saving' && (
            <span data-testid="saving">，正在保存到本机浏览器…（保存完成前请勿关闭或刷新页面）</span>
          )}
          {li.save === 'saved' &&
            meta?.saved &&
            storage?.mode === 'indexeddb' &&
            `，已保存在本机浏览器（约 ${bytes(meta.bytes)}）`}
          。
        </p>
        {li.saveError && (
          <p className="sc-notice sc-error" role="alert" data-testid="save-error">
            {li.saveError}
          </p>
        )}
        {li.warnings.length > 0 && (
          <div data-testid="import-warnings">
            <p>
              请核对 {li.warningCount} 处数值（超出该事项的常见范围，数据已照常导入和计分
              {li.warningCount > li.warnings.length ? `，下表列出前 ${li.warnings.length} 处` : ''}）：
            </p>
            <div className="table-scroll" role="region" tabIndex={0} aria-label="导入提醒">
              <table>
                <caption className="visually-hidden">导入提醒</caption>
                <thead>
                  <tr>
                    <th className="num">行</th>
                    <th>字段</th>
                    <th>发现</th>
                    <th>提醒</th>
                  </tr>
                </thead>
                <tbody>
                  {groupProblems(li.warnings).map((p, i) => (
                    <tr key={i}>
                      <td className="num">{rowCell(p)}</td>
                      <td>{p.field ?? '—'}</td>
                      <td>{p.found ?? '—'}</td>
                      <td>{p.expected}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>
    );
  }
  return (
    <section className="sc-report sc-bad" aria-labelledby="sc-problems-h" data-testid="problems">
      <h2 id="sc-problems-h" tabIndex={-1} ref={heading}>
        {li.fileName} 未导入：共 {li.problemCount} 个问题
      </h2>
      <p>文件中只要有一处问题，整份文件都不会导入；此前保存的数据没有任何改变。请按下表逐条修改后重新导入。</p>
      {li.problemCount > li.problems.length && (
        <p>
          下表列出前 {li.problems.length} 个问题（共 {li.problemCount} 个）。
        </p>
      )}
      <p className="no-print">
        <button type="button" onClick={downloadProblems} data-testid="problems-csv">
          下载问题清单（CSV）
        </button>
      </p>
      <div className="table-scroll" role="region" tabIndex={0} aria-label="导入问题清单">
        <table>
          <caption className="visually-hidden">导入问题清单</caption>
          <thead>
            <tr>
              <th className="num">行</th>
              <th>事项</th>
              <th>字段</th>
              <th>发现</th>
              <th>应为</th>
            </tr>
          </thead>
          <tbody>
            {groupProblems(li.problems).map((p, i) => (
              <tr key={i}>
                <td className="num">{rowCell(p)}</td>
                <td>{p.item ?? '—'}</td>
                <td>{p.field ?? '—'}</td>
                <td>{p.found === undefined ? '—' : p.found === '' ? '（空）' : p.found}</td>
                <td>{p.expected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
