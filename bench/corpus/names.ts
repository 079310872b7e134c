import type { Rng } from './prng.js';
import { SYLLABLE_PARTS } from './shapes.js';

const { onsets, vowels, codas } = SYLLABLE_PARTS;
const SYLLABLES = onsets.flatMap((o) => vowels.flatMap((v) => codas.map((c) => o + v + c)));
const NAME_SPACE = SYLLABLES.length * SYLLABLES.length;
/** A prime that does not divide NAME_SPACE: `i * STRIDE mod NAME_SPACE` visits every name once. */
const STRIDE = 104_729;

/** The made-up component name of a confusable group (`Brivtam`, `Kolmesh`): unique per group. */
export function componentName(group: number): string {
  const x = (group * STRIDE + 7) % NAME_SPACE;
  const word = SYLLABLES[Math.floor(x / SYLLABLES.length)]! + SYLLABLES[x % SYLLABLES.length]!;
  return word[0]!.toUpperCase() + word.slice(1);
}

export const MAX_GROUPS = NAME_SPACE;

export function camel(words: string): string {
  const parts = words.split(/[\s_.-]+/).filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0]!.toUpperCase() + p.slice(1).toLowerCase())).join('');
}

export function pascal(words: string): string {
  const c = camel(words);
  return c[0]!.toUpperCase() + c.slice(1);
}

export function snake(words: string): string {
  return words.toLowerCase().split(/[\s.-]+/).filter(Boolean).join('_');
}

export function kebab(words: string): string {
  return words.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** `-ing` form for titles and questions ("acquire" → "acquiring"). */
export function gerund(verb: string): string {
  if (verb.endsWith('ie')) return `${verb.slice(0, -2)}ying`;
  if (verb.endsWith('e') && !verb.endsWith('ee')) return `${verb.slice(0, -1)}ing`;
  if (/^[a-z]*[^aeiou][aeiou][bdgmnpt]$/.test(verb) && verb.length <= 4) return `${verb}${verb.at(-1)}ing`;
  return `${verb}ing`;
}

const HOST_WORDS = ['app', 'node', 'db', 'wiki', 'build', 'edge', 'proxy', 'ldap', 'mq', 'search', 'cache', 'worker'];
const DOMAINS = ['corp.example', 'example.com', 'internal.acme.io', 'prod.local', 'dc1.example.net'];
const USERS = ['jsmith', 'svc-build', 'akumar', 'mlopez', 'confluence', 'deploy-bot', 'ops', 'hchen', 'admin'];
const PATH_ROOTS = ['/var/atlassian/application-data', '/data/shared-home', '/opt/app/data', '/srv/storage', '/mnt/nfs/home'];

/** Fills `{host}`, `{port}`, `{id}`, `{n}`, `{uuid}`, `{user}`, `{path}`, `{ms}` with values from `rng`. */
export function fillVariables(template: string, rng: Rng): string {
  return template.replace(/\{(host|port|id|n|uuid|user|path|ms|hex)\}/g, (_, v: string) => {
    switch (v) {
      case 'host':
        return `${rng.pick(HOST_WORDS)}-${rng.int(1, 40)}.${rng.pick(DOMAINS)}`;
      case 'port':
        return String(rng.pick([443, 5432, 8080, 8090, 8443, 9092, 9200, 3306, 1433, 636, 6379]) + (rng.chance(0.2) ? rng.int(1, 9) : 0));
      case 'id':
        return `${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}-${rng.int(1000, 99999)}`;
      case 'n':
        return String(rng.int(2, 5000));
      case 'ms':
        return String(rng.int(1, 120) * 1000);
      case 'uuid':
        return [8, 4, 4, 4, 12].map((len) => hex(rng, len)).join('-');
      case 'hex':
        return hex(rng, 12);
      case 'user':
        return rng.pick(USERS);
      default:
        return `${rng.pick(PATH_ROOTS)}/${rng.pick(['index', 'attachments', 'caches', 'export', 'plugins'])}/${hex(rng, 6)}`;
    }
  });
}

export function hex(rng: Rng, len: number): string {
  let s = '';
  for (let i = 0; i < len; i += 1) s += '0123456789abcdef'[rng.int(0, 15)];
  return s;
}

/** A timestamp in the log formats of the KB, on a day chosen by `rng`. */
export function timestamp(rng: Rng, style: 'java' | 'iso' | 'dotnet'): string {
  const d = new Date(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23), rng.int(0, 59), rng.int(0, 59), rng.int(0, 999)));
  const iso = d.toISOString();
  if (style === 'iso') return iso;
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return style === 'java' ? `${base},${iso.slice(20, 23)}` : `${base}.${iso.slice(20, 23)} +00:00`;
}
