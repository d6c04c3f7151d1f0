/**
 * Site search that works for Chinese without a word segmenter: every query term is looked up as an
 * exact substring first; a term with no exact hit falls back to character bigrams (half of the term's
 * bigrams must occur), so 城市建设 finds 城市更新和建设 too, but ranks below an exact 城市建设.
 * Pure functions: used by the search page's script and by tests.
 */

/** One searchable page or section. Short keys keep the shipped index small. */
export interface SearchDoc {
  /** Title. */
  t: string;
  /** Link (with base path). */
  u: string;
  /** Kind shown beside the result: 考核办法, 考核事项, 单位, 公告… */
  k: string;
  /** Plain text to match and quote. */
  x: string;
}

export interface SearchHit {
  doc: SearchDoc;
  score: number;
  snippet: string;
}

/** Lower-case, full-width ASCII to half-width, collapse spaces. */
export function normalize(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase();
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0 && n < 10; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Split a query into terms on spaces and punctuation. */
export function terms(query: string): string[] {
  return normalize(query)
    .split(/[\s,，、;；。.!！?？:："“”'"()（）]+/)
    .filter((t) => t.length > 0);
}

function snippetOf(text: string, at: number, len: number, width = 60): string {
  if (at < 0) return text.slice(0, width * 2) + (text.length > width * 2 ? '…' : '');
  const start = Math.max(0, at - width);
  const end = Math.min(text.length, at + len + width);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** Rank docs for a query: every term must match (exactly, or by bigrams); exact and title hits rank first. */
export function search(docs: readonly SearchDoc[], query: string, limit = 50): SearchHit[] {
  const ts = terms(query);
  if (ts.length === 0) return [];
  const grams = ts.map((t) => [...new Set(bigrams(t))]);
  const hits: SearchHit[] = [];
  for (const doc of docs) {
    const title = normalize(doc.t);
    const text = normalize(doc.x);
    let score = 0;
    let first = -1;
    let firstLen = 0;
    let ok = true;
    for (let i = 0; i < ts.length && ok; i++) {
      const t = ts[i]!;
      const inTitle = title.includes(t);
      const n = count(text, t);
      if (inTitle || n > 0) {
        score += (inTitle ? 20 : 0) + (n > 0 ? 5 + Math.min(n, 5) : 0);
        const at = text.indexOf(t);
        if (at >= 0 && (first < 0 || at < first)) {
          first = at;
          firstLen = t.length;
        }
        continue;
      }
      const g = grams[i]!;
      if (g.length < 2) {
        ok = false;
        break;
      }
      const found = g.filter((b) => title.includes(b) || text.includes(b));
      if (found.length / g.length < 0.5) {
        ok = false;
        break;
      }
      score += (4 * found.length) / g.length;
      const at = text.indexOf(found[0]!);
      if (at >= 0 && first < 0) {
        first = at;
        firstLen = 2;
      }
    }
    if (ok) hits.push({ doc, score, snippet: snippetOf(doc.x, first, firstLen) });
  }
  return hits.sort((a, b) => b.score - a.score || a.doc.t.length - b.doc.t.length).slice(0, limit);
}

/** Plain text from Markdown: drop markup, keep words. */
export function markdownText(md: string): string {
  return md
    .replace(/^---[\s\S]*?---\s*/, '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[|*_`~]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
