/**
 * Raw HTML in content Markdown (rules, announcements) that would run code: Markdown passes HTML
 * through unchanged, and the site's Content-Security-Policy blocks inline scripts and handlers, so
 * such HTML is a content problem named at its line, not a page that silently half-works.
 */

export interface UnsafeHtml {
  /** 1-based line in the text given. */
  line: number;
  /** The offending piece, as written (shortened). */
  found: string;
  /** What it is, in Chinese. */
  what: string;
}

const RULES: { re: RegExp; what: string }[] = [
  { re: /<script\b[^>]*>?/gi, what: '<script> 脚本' },
  {
    re: /<(?:iframe|object|embed|frame|frameset|applet|base|form|meta|link)\b[^>]*>?/gi,
    what: '嵌入或改变页面行为的 HTML 元素',
  },
  { re: /<[a-z][^>]*?\son[a-z]+\s*=[^>]*>?/gi, what: 'HTML 事件处理属性（on…=）' },
  {
    re: /<[a-z][^>]*?\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|data):[^>]*>?/gi,
    what: 'javascript: / data: 链接',
  },
];

/** Every piece of raw HTML in `text` that would run code or load something; empty when the Markdown is plain. */
export function unsafeMarkdownHtml(text: string): UnsafeHtml[] {
  // Code spans and fenced code show HTML as text: blank them out (keeping line breaks) before looking.
  const visible = text
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length));
  const out: UnsafeHtml[] = [];
  const seen = new Set<number>();
  for (const { re, what } of RULES)
    for (const m of visible.matchAll(re)) {
      if (seen.has(m.index)) continue;
      seen.add(m.index);
      const raw = text.slice(m.index, m.index + m[0].length);
      out.push({
        line: text.slice(0, m.index).split('\n').length,
        found: raw.length > 80 ? `${raw.slice(0, 77)}…` : raw,
        what,
      });
    }
  return out.sort((a, b) => a.line - b.line);
}
