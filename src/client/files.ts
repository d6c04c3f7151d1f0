/** Small browser helper for the self-check: save text as a file (CSV text comes from engine/csv/export.ts). */

/** Offer text as a download (UTF-8; CSV text from the engine already starts with a BOM for Excel). */
export function saveText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
