/**
 * Masks the variable parts of a log line or message the way log-template miners (Drain, Spell)
 * do, so the same event from two installations compares equal: timestamps, thread names, ids,
 * UUIDs, hex, IPs, host names in URLs, numbers, quoted values and placeholder runs become `<*>`.
 */
const RULES: Array<[RegExp, string | ((match: string) => string)]> = [
  [/\bhttps?:\/\/[^\s"'<>]{1,2000}/gi, 'http://<*>'],
  [/\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b/g, '<*>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<*>'],
  [/\b0x[0-9a-f]{1,32}\b/gi, '<*>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, '<*>'],
  // a quoted single value is the installation's (a module, a user, a column, a key)
  [/'[^'\s]{1,200}'|"[^"\s]{1,200}"|`[^`\s]{1,200}`/g, '<*>'],
  // identifiers: dotted names (`com.acme.plugin`), lowerCamelCase (`spaceKey`)
  [/(?<![\w.])[a-z_$][\w$-]{0,100}(?:\.[\w$-]{1,100}){2,20}\b/gi, '<*>'],
  [/\b[a-z]{1,40}[A-Z][\w$]{0,100}/g, '<*>'],
  [/\bX{3,}\b|\bx{4,}\b/g, '<*>'],
  // file paths: the directories are the installation's; a file name with an extension
  // (`docker.sock`, `pg_hba.conf`) says what it is, so it stays
  [/(?<![\w.])(?:~|\.{1,2})?(?:\/[\w@+-][\w.@+-]{0,100}){1,30}\/?/g, keepFileName],
  [/\b[a-z]:\\(?:[^\s\\'"]{1,100}\\?){1,30}/gi, keepFileName],
  // any remaining token with a digit in it: times, dates, ports, thread names, ids
  [/[^\s]{0,80}\d[^\s]{0,80}/g, '<*>'],
];

function keepFileName(path: string): string {
  const name = /[\\/]([\w@+-]{1,100}\.[a-z]{1,8})$/i.exec(path);
  return name ? `<*> ${name[1]}` : '<*>';
}

export function maskText(text: string): string {
  let s = text.length > 4000 ? text.slice(0, 4000) : text;
  for (const [re, to] of RULES) s = typeof to === 'string' ? s.replace(re, to) : s.replace(re, to);
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
