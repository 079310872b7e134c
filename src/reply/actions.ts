/** Action ids of the reply's buttons: the contract between render-blocks and the Slack listeners. */
export const ACTIONS = {
  helpful: 'kb_helpful',
  notHelpful: 'kb_not_helpful',
  askHuman: 'kb_ask_human',
  share: 'kb_share',
  /** Followed by the candidate's index: action ids must be unique within a message. */
  openCandidate: 'kb_open_',
} as const;

/**
 * What a button carries: the recorded query it belongs to and, on a candidate or feedback
 * button, an article id. Nothing else: who asked, in which channel and where a shared answer
 * goes are kept with the query (src/store/slack-store.ts), and each action checks the click
 * against them, since a value is whatever the clicking client sends.
 */
export interface ActionValue {
  q: number | null;
  a: string | null;
}

export function encodeAction(v: ActionValue): string {
  return JSON.stringify(v);
}

export function decodeAction(value: string | undefined): ActionValue {
  try {
    const v = JSON.parse(value ?? '{}') as Partial<ActionValue> | null;
    return { q: Number.isSafeInteger(v?.q) ? (v!.q as number) : null, a: typeof v?.a === 'string' ? v.a : null };
  } catch {
    return { q: null, a: null };
  }
}
