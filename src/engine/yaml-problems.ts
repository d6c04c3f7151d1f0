/** YAML syntax errors as problems in Chinese, at their line (the `yaml` library's own text is English). */
import type { Problem } from './problem.ts';

const YAML_ERRORS: Record<string, string> = {
  BAD_INDENT: '缩进不对：同一层的键左端对齐，下一层比上一层多缩进几个空格',
  TAB_AS_INDENT: '缩进用了 Tab：YAML 只能用空格缩进',
  DUPLICATE_KEY: '同一层出现了重复的键：每个键只写一次',
  MISSING_CHAR: '缺少配对的符号：检查引号、方括号、花括号是否成对',
  BAD_SCALAR_START: '值的开头字符不合法：以 @、`、%、| 或 > 开头的文字要放在引号中',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不对：检查冒号后是否有空格、缩进是否对齐',
  MULTILINE_IMPLICIT_KEY: '键不能跨行：上一行多半缺少冒号或结束引号',
  UNEXPECTED_TOKEN: '出现了意外的符号：检查冒号、短横线、括号和引号的位置',
  BLOCK_IN_FLOW: '方括号或花括号里不能换行写缩进的结构',
  BAD_DQ_ESCAPE: '双引号中的转义写法不对（\\ 后只能接 n、t、"、\\ 等）',
  KEY_OVER_1024_CHARS: '键太长（超过 1024 个字符）',
  BAD_ALIAS: '引用（*名称）写法不对',
  BAD_DIRECTIVE: '以 % 开头的指令不合法',
  TAG_RESOLVE_FAILED: '无法识别的类型标记（! 开头）',
  BAD_COLLECTION_TYPE: '这里的结构与类型标记不符',
  IMPOSSIBLE: '无法解析的写法',
};

/** One problem per YAML syntax error: file, line (plus `lineOffset`), the cause in Chinese and the fix. */
export function yamlProblem(file: string, code: string, line: number | undefined, lineOffset = 0): Problem {
  const why = YAML_ERRORS[code] ?? '语法错误';
  return {
    file,
    row: line !== undefined ? line + lineOffset : undefined,
    field: 'YAML',
    found: `语法错误（${code}）`,
    expected: `合法的 YAML：${why}。常见原因：缩进没对齐、冒号后缺空格、引号不成对、用了中文冒号“：”`,
  };
}
