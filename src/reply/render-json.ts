import type { Answer } from './answer.js';

/** The `kb ask --json` object. Field names are a contract other tools rely on. */
export interface AnswerJson {
  answer: {
    id: string;
    title: string;
    source: string;
    url: string | null;
    confidence: number;
    score: number;
    level: string;
    evidence: string[];
    cause: string;
    diagnosis: string;
    solution: string;
    snippets: Array<{ kind: string; lang: string | null; text: string }>;
  } | null;
  matches: Array<{ id: string; title: string; source: string; confidence: number; score: number }>;
  signals: Answer['signals'];
  problem?: string;
}

export function answerToJson(answer: Answer): AnswerJson {
  const a = answer.answer;
  const json: AnswerJson = {
    answer: a
      ? {
          id: a.id,
          title: a.title,
          source: a.source,
          url: a.url,
          confidence: a.confidence,
          score: a.score,
          level: a.level,
          evidence: a.evidence,
          cause: a.cause,
          diagnosis: a.diagnosis,
          solution: a.solution,
          snippets: a.snippets.map((s) => ({ kind: s.kind, lang: s.lang, text: s.text })),
        }
      : null,
    matches: answer.matches,
    signals: answer.signals,
  };
  if (answer.problem) json.problem = answer.problem;
  return json;
}
