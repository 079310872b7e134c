import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText, type Harness, startHarness } from '../helpers/slack-harness.js';

/**
 * Issue 18, item 2: a file scan quotes a log line per problem found, and those lines carried
 * JDBC URLs with passwords, `PASSWORD: …` and `Pwd=…;` as they were.
 */
const SECRETS = ['S3cretJdbcPw', 'hunter18x', 'hunter20x'];
const LOG = [
  '2024-05-02 10:11:12,123 INFO  [main] starting',
  '2024-05-02 10:11:13,001 ERROR [pool-1] connect jdbc:postgresql://dbuser:S3cretJdbcPw@db01:5432/confluence: org.postgresql.util.PSQLException: FATAL: sorry, too many clients already',
  '2024-05-02 10:11:14,002 ERROR [pool-2] PASSWORD: hunter18x rejected: org.postgresql.util.PSQLException: FATAL: no pg_hba.conf entry for host "10.20.0.7", user "confluence", database "confluence", SSL off',
  '2024-05-02 10:11:15,003 ERROR [pool-3] url=jdbc:sqlserver://sqlprod01:1433;databaseName=jira;User Id=jira;Pwd=hunter20x; com.microsoft.sqlserver.jdbc.SQLServerException: The TCP/IP connection to the host sqlprod01, port 1433 has failed. Error: "Connection refused: connect."',
  '2024-05-02 10:11:16,004 ERROR [pool-4] jdbc:mysql://app:hunter18x@db02/x ZorbleWidgetException: something nobody documented',
].join('\n');

describe('file-scan replies quote log lines without their secrets', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('the scan report redacts its excerpts, found and unmatched, at the source', () => {
    const report = h.services.scan(LOG);
    expect(report.findings.map((f) => f.articleId)).toEqual(expect.arrayContaining(['dbjvm-postgres-too-many-clients', 'dbjvm-postgres-no-pg-hba-conf-entry', 'dbjvm-sqlserver-tcpip-connection-failed']));
    const samples = [...report.findings.map((f) => f.sample), ...report.unmatched.map((u) => u.sample)].join('\n');
    expect(samples).toContain('[REDACTED]');
    expect(samples).toContain('too many clients already');
    for (const s of SECRETS) expect(samples).not.toContain(s);
  });

  it('an attached log answered in Slack carries none of them', async () => {
    const file = h.fake.addFile({ id: 'F0SECRETS', name: 'confluence.log', content: Buffer.from(LOG) });
    const ts = '1700002000.000100';
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, text: '<@UKBBOT> what is wrong?', files: [{ id: file.id, name: file.name, mimetype: 'text/plain', filetype: 'text' }] });
    const posts = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    const scan = posts.find((p) => String(p.args.text).startsWith('Found'))!;
    expect(blocksText(scan.args.blocks)).toContain('dbjvm-postgres-too-many-clients');
    for (const s of SECRETS) expect(JSON.stringify(scan.args)).not.toContain(s);
  });
});
