/**
 * Block Kit JSON to HTML, faithfully enough that a person sees what Slack would show: header,
 * sections with mrkdwn (bold, italic, strike, code, code blocks, links, mentions), fields,
 * context, dividers, buttons. A block type it does not know is shown as such, never dropped.
 */
import { aroundCodeSpans } from '../reply/code-spans.js';

export interface RenderNames {
  user(id: string): string;
  group(id: string): string;
}

const DEFAULT_NAMES: RenderNames = { user: (id) => id, group: (id) => id };

type Obj = Record<string, unknown>;

export function blocksToHtml(blocks: unknown, names: RenderNames = DEFAULT_NAMES): string {
  if (!Array.isArray(blocks)) return '';
  return blocks.map((b) => blockToHtml(b as Obj, names)).join('');
}

function blockToHtml(b: Obj, names: RenderNames): string {
  const type = String(b.type ?? '');
  const id = b.block_id ? ` data-block-id="${attr(String(b.block_id))}"` : '';
  switch (type) {
    case 'header':
      return `<div class="bk-header"${id}>${esc(textOf(b.text))}</div>`;
    case 'section': {
      const text = b.text ? `<div class="bk-text">${textObject(b.text as Obj, names)}</div>` : '';
      const fields = Array.isArray(b.fields)
        ? `<div class="bk-fields">${(b.fields as Obj[]).map((f) => `<div class="bk-field">${textObject(f, names)}</div>`).join('')}</div>`
        : '';
      const acc = b.accessory ? `<div class="bk-accessory">${elementToHtml(b.accessory as Obj, String(b.block_id ?? ''), names)}</div>` : '';
      return `<div class="bk-section"${id}>${text}${fields}${acc}</div>`;
    }
    case 'context':
      return `<div class="bk-context"${id}>${((b.elements as Obj[] | undefined) ?? [])
        .map((e) => (e.type === 'image' ? `<img class="bk-context-img" alt="${attr(String(e.alt_text ?? ''))}" src="${attr(String(e.image_url ?? ''))}">` : `<span>${textObject(e, names)}</span>`))
        .join(' ')}</div>`;
    case 'divider':
      return `<hr class="bk-divider"${id}>`;
    case 'actions':
      return `<div class="bk-actions"${id}>${((b.elements as Obj[] | undefined) ?? []).map((e) => elementToHtml(e, String(b.block_id ?? ''), names)).join('')}</div>`;
    case 'rich_text':
      return `<div class="bk-section"${id}>${esc(richTextPlain(b))}</div>`;
    default:
      return `<div class="bk-unknown"${id}>[unsupported block: ${esc(type || 'no type')}]</div>`;
  }
}

function elementToHtml(e: Obj, blockId: string, names: RenderNames): string {
  if (e.type === 'button') {
    const style = e.style === 'primary' || e.style === 'danger' ? ` bk-${e.style}` : '';
    if (e.url) return `<a class="bk-button${style}" href="${attr(String(e.url))}" target="_blank" rel="noopener">${esc(textOf(e.text))}</a>`;
    return `<button class="bk-button${style}" data-action-id="${attr(String(e.action_id ?? ''))}" data-block-id="${attr(blockId)}" data-value="${attr(String(e.value ?? ''))}">${esc(textOf(e.text))}</button>`;
  }
  if (e.type === 'mrkdwn' || e.type === 'plain_text') return textObject(e, names);
  return `<span class="bk-unknown">[unsupported element: ${esc(String(e.type ?? ''))}]</span>`;
}

function textObject(t: Obj, names: RenderNames): string {
  if (t.type === 'plain_text') return esc(String(t.text ?? ''));
  return mrkdwnToHtml(String(t.text ?? ''), names);
}

function textOf(t: unknown): string {
  return t && typeof t === 'object' ? String((t as Obj).text ?? '') : '';
}

/**
 * Slack mrkdwn to HTML. The text is already entity-escaped by the sender (`&amp;`, `&lt;`,
 * `&gt;`); only those three entities are allowed through, everything else is escaped.
 */
export function mrkdwnToHtml(text: string, names: RenderNames = DEFAULT_NAMES): string {
  const parts = text.split(/```/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return `<pre class="bk-code">${safe(part.replace(/^\n/, '').replace(/\n$/, ''))}</pre>`;
      return inline(part, names).replace(/\n/g, '<br>');
    })
    .join('');
}

function inline(s: string, names: RenderNames): string {
  return aroundCodeSpans(
    s,
    (text) => {
      let h = safe(text);
      // <…> markup arrives as &lt;…&gt; after safe(); turn the Slack forms back into HTML.
      h = h.replace(/&lt;@([UW][A-Z0-9]+)(?:\|[^&]*)?&gt;/g, (_m, id: string) => `<span class="bk-mention">@${esc(names.user(id))}</span>`);
      h = h.replace(/&lt;!subteam\^([A-Z0-9]+)(?:\|[^&]*)?&gt;/g, (_m, id: string) => `<span class="bk-mention">@${esc(names.group(id))}</span>`);
      h = h.replace(/&lt;!(here|channel|everyone)&gt;/g, '<span class="bk-mention">@$1</span>');
      // Slack's date token shows the reader's local time; the playground shows its fallback text.
      h = h.replace(/&lt;!date\^\d+\^[^|&]*\|([^&]*)&gt;/g, (_m, fallback: string) => `<time>${fallback}</time>`);
      h = h.replace(/&lt;#([CG][A-Z0-9]+)(?:\|([^&]*))?&gt;/g, (_m, id: string, name?: string) => `<span class="bk-mention">#${esc(name ?? id)}</span>`);
      h = h.replace(/&lt;((?:https?|mailto):[^|&\s]+)(?:\|([^&]*))?&gt;/g, (_m, url: string, label?: string) => `<a href="${attr(url)}" target="_blank" rel="noopener">${label ?? url}</a>`);
      h = h.replace(/(^|[\s(>])\*([^*\n]+)\*(?=[\s.,;:!?)<]|$)/g, '$1<b>$2</b>');
      h = h.replace(/(^|[\s(>])_([^_\n]+)_(?=[\s.,;:!?)<]|$)/g, '$1<i>$2</i>');
      h = h.replace(/(^|[\s(>])~([^~\n]+)~(?=[\s.,;:!?)<]|$)/g, '$1<s>$2</s>');
      return h;
    },
    (span) => `<code>${safe(span.slice(1, -1))}</code>`,
  );
}

/** Escapes for HTML but keeps Slack's own three entities as they are. */
function safe(s: string): string {
  return s.replace(/&(?!(?:amp|lt|gt);)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attr(s: string): string {
  return esc(s).replace(/'/g, '&#39;');
}

function richTextPlain(b: Obj): string {
  const walk = (x: unknown): string => {
    if (!x || typeof x !== 'object') return '';
    const o = x as Obj;
    if (typeof o.text === 'string') return o.text;
    return Array.isArray(o.elements) ? o.elements.map(walk).join('') : '';
  };
  return walk(b);
}
