/**
 * Masks the variable parts of a log line or message the way log-template miners (Drain, Spell)
 * do, so the same event from two installations compares equal: timestamps, thread names, ids,
 * UUIDs, hex, IPs, host names in URLs, numbers, quoted values and placeholder runs become `<*>`.
 */
const RULES: Array<[RegExp, string]> = [
  [/\bhttps?:\/\/[^\s/"'<>]{1,255}/gi, 'http://<*>'],
  [/\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b/g, '<*>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<*>'],
  [/\b0x[0-9a-f]{1,32}\b/gi, '<*>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, '<*>'],
  [/'[^'\s]{0,200}\d[^'\s]{0,200}'|"[^"\s]{0,200}\d[^"\s]{0,200}"/g, '<*>'],
  [/\bX{3,}\b|\bx{4,}\b/g, '<*>'],
  // any remaining token with a digit in it: times, dates, ports, thread names, ids
  [/[^\s]{0,80}\d[^\s]{0,80}/g, '<*>'],
];

export function maskText(text: string): string {
  let s = text.length > 4000 ? text.slice(0, 4000) : text;
  for (const [re, to] of RULES) s = s.replace(re, to);
  return s
    .replace(/(?:<\*>[\s:,/.-]*){2,}/g, '<*> ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Words of a masked template, for comparing two templates by overlap. */
export function templateWords(template: string): string[] {
  return template.split(/[^a-z0-9_$]+/).filter((w) => w.length > 1 && !/^\d+$/.test(w));
}
