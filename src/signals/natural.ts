/**
 * The parts of `natural` we use, loaded one by one: `require('natural')` loads every
 * classifier and corpus it ships (over a second here) and prints dotenv banners.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };
const jaroWinkler = require('natural/lib/natural/distance/jaro-winkler_distance.js') as (a: string, b: string) => number;
const stopwordList = (require('natural/lib/natural/util/stopwords.js') as { words: string[] }).words;

export const stem = (word: string): string => porter.stem(word);
/** Jaro-Winkler similarity in [0, 1]; 1 is identical. */
export const similarity = (a: string, b: string): number => jaroWinkler(a, b);
export const STOPWORDS: ReadonlySet<string> = new Set(stopwordList);
