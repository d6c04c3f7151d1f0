import { describe, expect, it } from 'vitest';
import { reportedBySchema } from '../../src/engine/schemas/reporting.ts';
import { standardSchema } from '../../src/engine/schemas/standard.ts';
import { zodProblems } from '../../src/engine/zod-problems.ts';

const problems = (schema: { safeParse(v: unknown): { error?: unknown } }, v: unknown) =>
  zodProblems(schema.safeParse(v).error as Parameters<typeof zodProblems>[0], v, 'f.yaml');

describe('schema messages staff can act on', () => {
  it('an unknown key lists the keys that object accepts and suggests the nearest', () => {
    const [p] = problems(standardSchema, { kind: 'completion', capp: 1.2 });
    expect(p).toMatchObject({ field: 'capp', found: 'capp' });
    expect(p!.expected).toBe('“cap”（是否拼错？）；此处可用的字段：kind、floor、cap、zeroBelow');
  });

  it('a key that is nothing like a known one gets the list without a guess', () => {
    const [p] = problems(standardSchema, { kind: 'completion', 目标: 1 });
    expect(p!.expected).toBe('此处可用的字段：kind、floor、cap、zeroBelow');
  });

  it('a union names its alternatives instead of pointing at the README', () => {
    const [p] = problems(reportedBySchema, 5);
    expect(p!.expected).toBe('以下任一格式：文字；或 列表（YAML 中以 - 开头的多行，或 [a, b]）');
  });
});
