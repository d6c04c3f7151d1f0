/** The data sets kept in this browser: switch, delete, clear everything; unreadable records reported. */
import { activateDataset, clearAll, deleteDataset, deleteUnreadable } from '../../client/store.ts';
import { useStore } from './use-store.ts';
import { bytes, when } from './format.ts';

export default function Datasets() {
  const { storage } = useStore();
  if (!storage) return null;
  const { datasets, unreadable, activeId } = storage;
  return (
    <section className="sc-datasets no-print" aria-labelledby="sc-ds-h" data-testid="datasets">
      <h2 id="sc-ds-h">本机保存的数据</h2>
      <p className="muted">
        {storage.mode === 'indexeddb'
          ? '数据保存在本浏览器的本地存储中，刷新、新开标签页或重启浏览器后仍在；不会上传。'
          : '当前为仅内存模式：数据在关闭或刷新页面后消失。'}
      </p>
      {datasets.length === 0 ? (
        <p>还没有导入的数据。</p>
      ) : (
        <div className="table-scroll" role="region" tabIndex={0} aria-label="已保存的数据集">
          <table>
            <caption className="visually-hidden">已保存的数据集</caption>
            <thead>
              <tr>
                <th>文件</th>
                <th>范围</th>
                <th>月份</th>
                <th className="num">行数</th>
                <th>导入时间</th>
                <th>状态</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr
                  key={d.id}
                  className={d.id === activeId ? 'hl' : undefined}
                  aria-current={d.id === activeId ? 'true' : undefined}
                >
                  <td>{d.file}</td>
                  <td>{d.scope === 'unit' ? d.unitName : '整份数据（全部单位）'}</td>
                  <td>
                    {d.months.length > 3
                      ? `${d.months[0]} 至 ${d.months.at(-1)}（${d.months.length} 个月）`
                      : d.months.join('、')}
                  </td>
                  <td className="num">{d.rows}</td>
                  <td>{when(d.importedAt)}</td>
                  <td>
                    {storage.saving?.includes(d.id)
                      ? '正在保存…'
                      : d.saved
                        ? `已保存（${bytes(d.bytes)}）`
                        : '未保存（仅本次打开有效）'}
                  </td>
                  <td className="sc-actions">
                    {d.id === activeId ? (
                      <span>正在使用</span>
                    ) : (
                      <button type="button" onClick={() => void activateDataset(d.id)} aria-label={`使用 ${d.file}`}>
                        使用
                      </button>
                    )}
                    <button type="button" onClick={() => void deleteDataset(d.id)} aria-label={`删除 ${d.file}`}>
                      删除
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unreadable.length > 0 && (
        <div className="sc-notice" role="alert" data-testid="unreadable">
          <p>
            <strong>有 {unreadable.length} 份保存的数据无法读取：</strong>
          </p>
          <ul>
            {unreadable.map((u) => (
              <li key={u.key}>
                {u.reason}{' '}
                <button type="button" onClick={() => void deleteUnreadable(u.key)}>
                  删除这份数据
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {(datasets.length > 0 || unreadable.length > 0) && (
        <p>
          <button
            type="button"
            onClick={() => {
              if (window.confirm('确定清除本机保存的全部自查数据？此操作不能撤销。')) void clearAll();
            }}
            data-testid="clear"
          >
            清除本机全部自查数据
          </button>
        </p>
      )}
    </section>
  );
}
