/**
 * 提升空间 in the self-check: the engine's advice for the unit's own data (recomputed after every what-if
 * edit), with a button that applies a suggested change as a what-if. Computes nothing itself.
 */
import type { Goal, Suggestion, UnitAdvice } from '../../engine/advice.ts';
import type { UnitResult } from '../../engine/score.ts';
import { ADVICE_METHOD, outcomeText } from '../../engine/advice.ts';
import { sensitivityText } from '../../engine/robustness.ts';
import { editValue } from '../../client/store.ts';

function Suggestions({ goal, unit }: { goal: Goal; unit: string }) {
  const apply = (s: Suggestion) => editValue(s.item, 'actual', String(s.to));
  if (goal.suggestions.length === 0) {
    return goal.pair ? (
      <p>
        单改任何一项都不够；两项同时做到即可：{goal.pair.map((s) => s.text).join('；')}（{outcomeText(goal.pair[0]!)}）
        <button
          type="button"
          className="no-print"
          onClick={() => {
            for (const s of goal.pair!) apply(s);
          }}
        >
          按此模拟
        </button>
      </p>
    ) : (
      <p>单改任何一项、两项组合都不够。</p>
    );
  }
  return (
    <ol>
      {goal.suggestions.map((s) => (
        <li key={s.item}>
          {s.text} <span className="muted">→ {outcomeText(s)}</span>{' '}
          {s.unit === unit && (
            <button type="button" className="no-print" data-testid="apply-advice" onClick={() => apply(s)}>
              按此模拟
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

export function AdvicePanel({
  advice: a,
  unit: u,
  decimals,
  pending = false,
}: {
  advice: UnitAdvice;
  unit: UnitResult;
  decimals: number;
  /** Rank ranges still being computed (the first result of an import). */
  pending?: boolean;
}) {
  const sameGrade =
    a.rankGoal && a.gradeGoal && JSON.stringify(a.rankGoal.suggestions) === JSON.stringify(a.gradeGoal.suggestions);
  return (
    <section aria-labelledby="sc-advice-h" data-testid="advice">
      <h4 id="sc-advice-h">提升空间</h4>
      {a.rankGoal ? (
        <>
          <p>
            进到{a.rankGoal.target}
            {sameGrade ? `，同时评为${a.gradeGoal!.target}` : ''}（任一项单独做到即可）：
          </p>
          <Suggestions goal={a.rankGoal} unit={u.unit} />
        </>
      ) : (
        <p>已是第 1 名。</p>
      )}
      {a.gradeGoal && !sameGrade && (
        <>
          <p>评为{a.gradeGoal.target}（任一项单独做到即可）：</p>
          <Suggestions goal={a.gradeGoal} unit={u.unit} />
        </>
      )}
      {a.gradeNote && <p>等次：{a.gradeNote}。</p>}
      <p>
        {a.keep ? (
          <>
            保住名次：领先下一名 {a.keep.below.map((b) => b.name).join('、')} {a.keep.margin.toFixed(decimals)} 分
            {a.keep.suggestion ? `；对方只要 ${a.keep.suggestion.text} 即可反超。` : '；对方单改任何一项都无法反超。'}
          </>
        ) : (
          '保住名次：已是最后一名。'
        )}
      </p>
      <p>名次取决于：{pending ? '计算中…' : sensitivityText(u.rankRange, u.sensitivity) || '—'}。</p>
      <details className="sc-steps">
        <summary>这些建议是怎样算出的</summary>
        <ul>
          {ADVICE_METHOD.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
