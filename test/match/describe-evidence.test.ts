import { describe, expect, it } from 'vitest';
import { describeEvidence, newEvidence, surfaceForms } from '../../src/match/describe-evidence.js';

describe('describeEvidence', () => {
  it('shows shared words as the query wrote them, rarest first', () => {
    const terms = [
      { term: 'authent', df: 2, idf: 3 },
      { term: 'qsh', df: 1, idf: 4 },
    ];
    expect(describeEvidence(newEvidence(), terms, surfaceForms('authentication fails: qsh mismatch'))).toEqual(['words: qsh, authentication']);
  });

  it('finds the word of the query when stemming rewrote its ending', () => {
    const terms = [
      { term: 'proxi', df: 3, idf: 3 },
      { term: 'failur', df: 2, idf: 2 },
    ];
    expect(describeEvidence(newEvidence(), terms, surfaceForms('Companion gets 401 behind our Proxy, a failure every time'))).toEqual(['words: Proxy, failure']);
  });

  it('shows a word of the query once when two of its terms are shared (a corrected identifier and a part of it)', () => {
    const text = 'JwtInvalidClaimExeption qsh claim mismatch behind apache';
    const terms = [
      { term: 'qsh', df: 1, idf: 4 },
      { term: 'jwtinvalidclaimexcept', df: 1, idf: 3.9, correctedFrom: 'jwtinvalidclaimexept' },
      { term: 'jwt', df: 3, idf: 3 },
      { term: 'claim', df: 4, idf: 2.5 },
    ];
    expect(describeEvidence(newEvidence(), terms, surfaceForms(text))).toEqual(['words: qsh, JwtInvalidClaimExeption (≈ jwtinvalidclaimexcept), claim']);
  });
});

describe('describeEvidence with codes', () => {
  it('shows a code the analyzer joined as the query wrote it', () => {
    const terms = [{ term: 'ora12514', df: 2, idf: 4 }, { term: 'listen', df: 5, idf: 2 }];
    expect(describeEvidence(newEvidence(), terms, surfaceForms('ORA-12514: TNS:listener does not currently know of service'))).toEqual(['words: ORA-12514, listener']);
  });

  it('does not show a code again as a word when it is matched evidence already', () => {
    const e = newEvidence();
    e.matched.push({ signal: { kind: 'code', key: 'ora-12514', text: 'ORA-12514' }, weight: 5 });
    const terms = [{ term: 'ora12514', df: 2, idf: 4 }, { term: 'listen', df: 5, idf: 2 }];
    expect(describeEvidence(e, terms, surfaceForms('ORA-12514: TNS:listener does not currently know of service'))).toEqual(['ORA-12514', 'words: listener']);
  });
});
