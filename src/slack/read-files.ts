import type { WebClient } from '@slack/web-api';

/** The most of one file the bot reads; a larger file is read in part and the reply says so. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface SlackFileRef {
  id: string;
  name?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

export interface ReadFile {
  name: string;
  text: string;
  /** True when only the first MAX_FILE_BYTES were read. */
  partial: boolean;
}

const TEXT_TYPES = new Set(['text', 'log', 'txt', 'plain', 'csv', 'json', 'xml', 'yaml', 'yml', 'java', 'python', 'javascript', 'shell', 'sql', 'diff', 'markdown', 'properties', 'ini', 'html']);

export function isTextFile(f: SlackFileRef): boolean {
  return (f.mimetype ?? '').startsWith('text/') || TEXT_TYPES.has((f.filetype ?? '').toLowerCase()) || /\.(log|txt|out|err|trace)$/i.test(f.name ?? '');
}

/**
 * Reads text files attached to a message through the Web API (`files.info`, then the private
 * download URL with the bot token; needs the `files:read` scope).
 */
export async function readSlackFiles(client: WebClient, token: string, files: readonly SlackFileRef[]): Promise<ReadFile[]> {
  const out: ReadFile[] = [];
  for (const ref of files.filter(isTextFile).slice(0, 5)) {
    let f = ref;
    if (!f.url_private_download && !f.url_private) {
      const info = await client.files.info({ file: ref.id });
      f = { ...ref, ...(info.file as SlackFileRef) };
    }
    const url = f.url_private_download ?? f.url_private;
    if (!url) continue;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok || !res.body) throw new Error(`downloading ${f.name ?? f.id} failed with HTTP ${res.status}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    let partial = false;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.length > MAX_FILE_BYTES) {
        chunks.push(value.subarray(0, MAX_FILE_BYTES - size));
        partial = true;
        await reader.cancel();
        break;
      }
      chunks.push(value);
      size += value.length;
    }
    out.push({ name: f.name ?? f.id, text: Buffer.concat(chunks).toString('utf8'), partial: partial || (f.size ?? 0) > MAX_FILE_BYTES });
  }
  return out;
}
