import type { z } from 'zod';
import type { Problem } from './problem.ts';
import { showValue } from './problem.ts';

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

/** Zod issues as readable problems: one per issue, naming the field, the value found and what is expected. */
export function zodProblems(
  error: z.ZodError,
  data: unknown,
  file: string,
  options: { row?: number; fieldPrefix?: readonly PropertyKey[]; lineOf?: (path: readonly PropertyKey[]) => number | undefined } = {},
): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    // An unknown key: point at the key itself (usually a misspelling) rather than the whole object.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        file,
        row: options.row ?? options.lineOf?.([...issue.path, key]),
        field: pathText([...(options.fieldPrefix ?? []), ...issue.path, key]),
        found: key,
        expected: '已知的字段名：请检查拼写（字段列表见 README 的内容格式说明）',
      }));
    const path = [...(options.fieldPrefix ?? []), ...issue.path];
    const found = valueAt(data, issue.path);
    let expected = issue.message;
    if (/^Invalid input/.test(expected) || /^Expected/.test(expected)) expected = translate(issue);
    expected = expected.replace(/^应为\s*/, '');
    if (issue.code === 'invalid_type' && found === undefined) expected = `必填字段：${expected}`;
    return [{
      file,
      row: options.row ?? options.lineOf?.(issue.path),
      field: pathText(path) || undefined,
      found: found === undefined ? '（缺失）' : showValue(found),
      expected,
    }];
  });
}

const TYPE_NAMES: Record<string, string> = {
  number: '数字', string: '文字', boolean: 'true 或 false', array: '列表（YAML 中以 - 开头的多行，或 [a, b]）', object: '键值对象',
};

function translate(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': return TYPE_NAMES[issue.expected] ?? `类型为 ${issue.expected}`;
    case 'invalid_value': return `以下之一：${issue.values.map(String).join('、')}`;
    case 'too_small': return `不小于 ${String(issue.minimum)}`;
    case 'too_big': return `不大于 ${String(issue.maximum)}`;
    case 'invalid_union': return '符合以下任一格式（见 README 的内容格式说明）';
    default: return issue.message;
  }
}
