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
  return path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    '',
  );
}

/** Zod issues as readable problems: one per issue, naming the field, the value found and what is expected. */
export function zodProblems(
  error: z.ZodError,
  data: unknown,
  file: string,
  options: {
    row?: number;
    fieldPrefix?: readonly PropertyKey[];
    lineOf?: (path: readonly PropertyKey[]) => number | undefined;
  } = {},
): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    // An unknown key: point at the key itself (usually a misspelling) rather than the whole object.
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysOf(issue.message);
      return issue.keys.map((key) => {
        const near = known && closest(key, known);
        return {
          file,
          row: options.row ?? options.lineOf?.([...issue.path, key]),
          field: pathText([...(options.fieldPrefix ?? []), ...issue.path, key]),
          found: key,
          expected: known
            ? `${near ? `“${near}”（是否拼错？）；` : ''}此处可用的字段：${known.join('、')}`
            : '已知的字段名：请检查拼写（字段列表见 README 的内容格式说明）',
        };
      });
    }
    const path = [...(options.fieldPrefix ?? []), ...issue.path];
    const found = valueAt(data, issue.path);
    let expected = issue.message;
    if (/^Invalid input/.test(expected) || /^Expected/.test(expected)) expected = translate(issue);
    expected = expected.replace(/^应为\s*/, '');
    if (issue.code === 'invalid_type' && found === undefined) expected = `必填字段：${expected}`;
    return [
      {
        file,
        row: options.row ?? options.lineOf?.(issue.path),
        field: pathText(path) || undefined,
        found: found === undefined ? '（缺失）' : showValue(found),
        expected,
      },
    ];
  });
}

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  string: '文字',
  boolean: 'true 或 false',
  array: '列表（YAML 中以 - 开头的多行，或 [a, b]）',
  object: '键值对象',
};

function translate(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? `类型为 ${issue.expected}`;
    case 'invalid_value':
      return `以下之一：${issue.values.map(String).join('、')}`;
    case 'too_small':
      return `不小于 ${String(issue.minimum)}`;
    case 'too_big':
      return `不大于 ${String(issue.maximum)}`;
    case 'invalid_union':
      return '符合以下任一格式（见 README 的内容格式说明）'; // only reached when the error map gave no alternatives
    default:
      return issue.message;
  }
}

const KNOWN_KEYS = '可用的字段：';

/** The known keys an unknown-key message carries (written by `zodErrorMap`), or undefined. */
function knownKeysOf(message: string): string[] | undefined {
  return message.startsWith(KNOWN_KEYS) ? message.slice(KNOWN_KEYS.length).split('、') : undefined;
}

/** The known key a misspelt one most likely meant: edit distance at most 2 (or 1 for short keys), else none. */
function closest(key: string, known: readonly string[]): string | undefined {
  const limit = key.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const k of known) {
    const d = k.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, k, limit);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (limit + 1) once every path is over the limit; keys are short. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

interface SchemaDef {
  type?: string;
  shape?: Record<string, unknown>;
  options?: readonly { _zod?: { def?: SchemaDef } }[];
}
const defOf = (x: unknown): SchemaDef | undefined => (x as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

/**
 * zod's messages where a schema gives none, for the two cases whose default text helps nobody: an unknown key lists
 * the keys that object accepts (and `zodProblems` suggests the nearest), a union lists its alternatives.
 * Installed once with `z.config` (src/engine/schemas/common.ts); every other case keeps the schema's own Chinese
 * message or zod's default, which `translate` turns into Chinese.
 */
export function zodErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') {
    const shape = defOf(issue.inst)?.shape;
    return shape ? `${KNOWN_KEYS}${Object.keys(shape).join('、')}` : undefined;
  }
  if (issue.code === 'invalid_union' && Array.isArray(issue.errors) && issue.errors.length > 0) {
    const alternatives = [
      ...new Set(
        (issue.errors as z.core.$ZodIssue[][])
          .map((branch) => {
            const first = branch[0];
            if (!first) return '';
            if (first.code === 'invalid_type' && first.path.length === 0)
              return TYPE_NAMES[first.expected] ?? `类型为 ${first.expected}`;
            return /^Invalid input|^Expected/.test(first.message)
              ? translate(first)
              : first.message.replace(/^应为\s*/, '');
          })
          .filter((t) => t !== ''),
      ),
    ];
    return alternatives.length > 0 ? `以下任一格式：${alternatives.join('；或 ')}` : undefined;
  }
  return undefined;
}
