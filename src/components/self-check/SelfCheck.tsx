/**
 * The self-check island: choose the unit, download its template, import a CSV (in a worker), see
 * problems or results, keep data sets in this browser, what-if, charts, verify a published ranking.
 * State and actions live in src/client/store.ts; this tree only renders them.
 */
import { useEffect } from 'react';
import type { Config } from '../../client/store.ts';
import { start } from '../../client/store.ts';
import { useStore } from './use-store.ts';
import Setup from './Setup.tsx';
import ImportReport from './ImportReport.tsx';
import Datasets from './Datasets.tsx';
import Results from './Results.tsx';
import Verify from './Verify.tsx';
import './self-check.css';

export default function SelfCheck({ config }: { config: Config }) {
  const s = useStore();
  useEffect(() => {
    void start(config);
  }, [config]);

  return (
    <div className="sc" data-phase={s.phase}>
      <div className="sc-notices no-print">
        {!s.online && (
          <p className="sc-notice sc-offline" role="alert">
            当前处于离线状态。本页已缓存，导入、计分和保存都在本机完成，可照常使用。
          </p>
        )}
        {s.storage?.mode === 'memory' && (
          <p className="sc-notice sc-memory" role="alert" data-testid="memory-notice">
            <strong>仅内存模式：</strong>
            {s.storage.note ?? '浏览器存储不可用，本页改为仅在内存中保存数据，关闭或刷新页面后数据即消失。'}
          </p>
        )}
        {s.storage?.mode === 'indexeddb' && s.storage.note && (
          <p className="sc-notice" role="alert">
            {s.storage.note}
          </p>
        )}
        {s.phase === 'failed' && (
          <p className="sc-notice sc-error" role="alert">
            自查模块启动失败：{s.startError}。请刷新页面重试。
          </p>
        )}
      </div>
      <p className="sc-status" role="status" aria-live="polite" aria-atomic="true" data-testid="status">
        {s.phase === 'starting' ? '正在加载自查模块…' : s.status}
      </p>
      {s.phase !== 'failed' && (
        <>
          <Setup />
          <ImportReport />
          <Datasets />
          <Results />
          <Verify />
        </>
      )}
    </div>
  );
}
