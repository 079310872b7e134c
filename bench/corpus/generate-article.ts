import { type Fault, faultOf, GROUP_SIZE } from './fault.js';
import { fillVariables, gerund, kebab } from './names.js';
import { forKey, type Rng } from './prng.js';
import { renderErrorEvent } from './render-trace.js';
import type { ConfigLang } from './shapes.js';

export interface GeneratedArticle {
  id: string;
  /** Path relative to the corpus folder. */
  source: string;
  markdown: string;
  fault: Fault;
}

/** The facts of article `index`; cheap, so queries recompute them instead of keeping the corpus in memory. */
export function faultAt(seed: number, index: number): Fault {
  return faultOf(index, forKey(seed, 'group', Math.floor(index / GROUP_SIZE)), forKey(seed, 'article', index));
}

export function articleId(f: Fault): string {
  return `${f.product.slug}-${f.component.toLowerCase()}-${kebab(f.operation)}-${kebab(f.object)}-${f.index}`;
}

/**
 * Article `index` of the corpus as a Markdown file in the bundled KB's shape: front matter,
 * Summary with the logged error and trace, Environment, Diagnosis with commands, Cause, and a
 * Solution with a config snippet. `revision` > 0 gives the same article edited (for re-index runs).
 */
export function generateArticle(seed: number, index: number, revision = 0): GeneratedArticle {
  const f = faultAt(seed, index);
  const rng = forKey(seed, 'text', index);
  const id = articleId(f);
  const p = f.product;
  const simple = f.base.exception.split('.').pop()!;
  const noun = rng.pick(p.nouns);
  const title = rng.pick([
    () => `${p.name}: ${simple} "${f.base.head}" when ${gerund(f.operation)} the ${f.object} (${f.reason})`,
    () => `${f.cls} cannot ${f.operation} the ${f.object}: ${f.reason}`,
    () => `${gerund(f.operation)[0]!.toUpperCase()}${gerund(f.operation).slice(1)} ${f.object} fails with ${simple} ${f.trigger}`,
  ])();
  const tags = [p.slug, f.component.toLowerCase(), f.operation, kebab(f.object), kebab(f.reason.split(' ').slice(0, 2).join(' ')), ...(f.base.code ? [kebab(f.base.code)] : [])];
  const event = renderErrorEvent(f, rng, { frameworkFrames: rng.int(4, 12), chain: true });
  const out: string[] = [
    '---',
    `id: ${id}`,
    `title: ${JSON.stringify(title)}`,
    `product: ${JSON.stringify(p.name)}`,
    `tags: [${tags.join(', ')}]`,
    '---',
    '',
    '## Summary',
    '',
    sentence(rng, [
      `Users notice that ${aOrAn(noun)} ${noun} in ${p.name} stops working ${f.trigger}: the ${f.component} ${f.role.toLowerCase()} cannot ${f.operation} the ${f.object}.`,
      `${f.trigger[0]!.toUpperCase()}${f.trigger.slice(1)}, ${p.name} reports errors whenever the ${f.component} ${f.role.toLowerCase()} has to ${f.operation} ${aOrAn(f.object)} ${f.object}.`,
      `Requests that touch ${aOrAn(noun)} ${noun} fail intermittently and the ${f.object} is left in an inconsistent state.`,
    ]),
    sentence(rng, [
      `Other ${p.nouns[0]} operations keep working, which makes the problem easy to miss until someone looks at the log.`,
      `Restarting the ${p.service} service helps for a while, then the same error comes back.`,
      `The failure is visible in \`${p.logFile}\`:`,
    ]),
    '',
    '```log',
    ...event,
    '```',
    '',
    '## Environment',
    '',
    `- ${p.name} ${rng.pick(p.versions)} and later`,
    `- ${rng.pick(['Two or more cluster nodes', 'A single node behind a reverse proxy', 'Containers on Kubernetes', 'Virtual machines with shared storage'])}`,
    ...(f.base.http ? [`- Clients see HTTP ${f.base.http} responses while the problem lasts`] : []),
    '',
    '## Diagnosis',
    '',
    `1. Search the log for the error and count how often it occurs:`,
    '',
    '```bash',
    `grep -c "${f.base.head.replace(/["\\$`]/g, '').slice(0, 40)}" ${p.logFile}`,
    `grep -B2 -A20 "${f.cls}" ${p.logFile} | less`,
    '```',
    '',
    `2. ${sentence(rng, [
      `Check whether the ${f.object} is ${f.reason.includes('lock') ? 'locked' : 'reachable'} from every node at the time of the failure.`,
      `Compare the ${f.setting.replace(/\./g, ' ')} configured for the ${f.component} ${f.role.toLowerCase()} with the value the ${f.object} needs.`,
      `Enable debug logging for \`${f.logger}\` and reproduce the problem once.`,
    ])}`,
    `3. Confirm the cause: ${f.reason}. ${sentence(rng, ['If that is not the case, this article does not apply.', 'Other causes give a different message.', 'The exception alone is not enough: several problems share it.'])}`,
    '',
    '## Cause',
    '',
    `The ${f.component} ${f.role.toLowerCase()} has to ${f.operation} the ${f.object} before it can continue, and it gives up when ${f.reason}. ${sentence(rng, [
      `The ${simple} is only the symptom; the same exception appears for unrelated problems with the ${f.object}.`,
      `This typically starts ${f.trigger}, when the ${f.setting.replace(/\./g, ' ')} no longer fits the installation.`,
      `${p.name} retries a few times and then marks the ${noun} as failed.`,
    ])}`,
    '',
    '## Solution',
    '',
    `${sentence(rng, ['Fix the underlying condition, then adjust the configuration so it cannot happen again.', `Change the ${f.setting.replace(/\./g, ' ')} of the ${f.component} ${f.role.toLowerCase()} and restart.`, 'Apply the change on every node.'])}`,
    '',
    ...configSnippet(f, rng, rng.pick(p.configLangs)),
    '',
    'Restart and check that the error is gone:',
    '',
    '```bash',
    `sudo systemctl restart ${p.service}`,
    `tail -f ${p.logFile} | grep -i ${f.component.toLowerCase()}`,
    '```',
  ];
  if (revision > 0) {
    out.push('', `Update ${revision}: ${fillVariables('verified again on {host} after the {n} maintenance window; the setting above is still needed.', rng)}`);
  }
  return { id, source: `${p.slug}/${kebab(f.role)}/${id}.md`, markdown: `${out.join('\n')}\n`, fault: f };
}

function sentence(rng: Rng, options: readonly string[]): string {
  return rng.pick(options);
}

function aOrAn(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function configSnippet(f: Fault, rng: Rng, lang: ConfigLang): string[] {
  const key = `${f.component.toLowerCase()}.${f.role.toLowerCase()}.${f.setting}`;
  const value = String(rng.pick([30, 60, 120, 300, 16, 64, 200]));
  const body: Record<ConfigLang, string[]> = {
    properties: [`# ${f.component} ${f.role}`, `${key}=${value}`, `${f.component.toLowerCase()}.${f.object.replace(/\s+/g, '.')}.enabled=true`],
    xml: [`<${f.component.toLowerCase()}-${f.role.toLowerCase()}>`, `  <property name="${f.setting}" value="${value}"/>`, `</${f.component.toLowerCase()}-${f.role.toLowerCase()}>`],
    yaml: [`${f.component.toLowerCase()}:`, `  ${f.role.toLowerCase()}:`, `    ${f.setting.replace(/\./g, '-')}: ${value}`],
    nginx: [`location /${f.component.toLowerCase()}/ {`, `    proxy_read_timeout ${value}s;`, '    proxy_pass http://backend;', '}'],
    apache: [`<Location /${f.component.toLowerCase()}>`, `    ProxyPass http://127.0.0.1:8080/${f.component.toLowerCase()} timeout=${value}`, '</Location>'],
    json: ['{', `  "${f.component.toLowerCase()}": { "${f.setting}": ${value} }`, '}'],
    ini: [`[${f.component.toLowerCase()}]`, `${f.setting.replace(/\./g, '_')} = ${value}`],
  };
  return [`\`\`\`${lang}`, ...body[lang], '```'];
}
