/**
 * `npm run load`: 2,000 signed events over 60 s to the bot's HTTP receiver on loopback, the fake
 * Slack Web API answering (one chat.postMessage in 100 with a 429). Prints the figures; exits 1
 * when an event was not acknowledged within 3 s or not answered exactly once.
 *
 *   npm run load                          # 2,000 events over 60 s
 *   npm run load -- --events 500 --seconds 10
 *   npm run load -- --reindex 4000 --attachments 5   # with a re-index and a file scan running meanwhile
 */
import { parseArgs } from 'node:util';
import { formatReport, loadPassed, runLoad } from './load.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '60' },
    reindex: { type: 'string', default: '0' },
    attachments: { type: 'string', default: '0' },
  },
});
const events = Number(values.events);
const seconds = Number(values.seconds);
const reindexArticles = Number(values.reindex);
const attachments = Number(values.attachments);
if (!Number.isInteger(events) || events < 1 || !(seconds > 0) || !Number.isInteger(reindexArticles) || reindexArticles < 0 || !Number.isInteger(attachments) || attachments < 0 || attachments > 5) {
  process.stderr.write('usage: npm run load -- [--events N] [--seconds S] [--reindex ARTICLES] [--attachments 0-5]\n');
  process.exit(2);
}

const extra = [reindexArticles ? `, /kb reindex of ${reindexArticles} changed articles` : '', attachments ? `, a mention with ${attachments} × 5 MB logs attached` : ''].join('');
process.stdout.write(`kb-assistant load: ${events} signed events over ${seconds} s to the HTTP receiver on loopback${extra}\n`);
const report = await runLoad({ events, durationMs: seconds * 1000, reindexArticles, attachments, drainMs: 180_000, progress: (l) => process.stdout.write(`  ${l}\n`) });
for (const line of formatReport(report)) process.stdout.write(`${line}\n`);
const ok = loadPassed(report);
process.stdout.write(ok ? 'PASS: every event acknowledged within 3 s and answered exactly once\n' : 'FAIL: see the figures above\n');
process.exit(ok ? 0 : 1);
