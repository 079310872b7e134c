/** Action ids of the reply's buttons: the contract between render-blocks and the Slack listeners. */
export const ACTIONS = {
  helpful: 'kb_helpful',
  notHelpful: 'kb_not_helpful',
  askHuman: 'kb_ask_human',
  share: 'kb_share',
  /** Followed by the candidate's index: action ids must be unique within a message. */
  openCandidate: 'kb_open_',
} as const;

/** What a button carries: the recorded query and the article it is about. */
export interface ActionValue {
  q: number | null;
  a: string | null;
  /** Where a shared answer goes: the thread of this message ts, else the channel. */
  t?: string;
}

export function encodeAction(v: ActionValue): string {
  return JSON.stringify(v);
}

export function decodeAction(value: string | undefined): ActionValue {
  try {
    const v = JSON.parse(value ?? '{}') as Partial<ActionValue>;
    return { q: typeof v.q === 'number' ? v.q : null, a: typeof v.a === 'string' ? v.a : null, ...(typeof v.t === 'string' ? { t: v.t } : {}) };
  } catch {
    return { q: null, a: null };
  }
}
