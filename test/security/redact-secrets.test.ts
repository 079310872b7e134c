import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLog } from '../../src/log.js';
import { REDACTED, redactSecrets } from '../../src/redact/redact-secrets.js';

/** Real-shaped credentials as people paste them, each with the secret part named. */
export const SECRET_SAMPLES: Array<{ name: string; text: string; secret: string }> = [
  { name: 'PostgreSQL JDBC URL', text: 'jdbc:postgresql://jira:Sup3r$ecret!@db.internal:5432/jira', secret: 'Sup3r$ecret!' },
  { name: 'password containing @', text: 'postgres://app:p@ssw0rd-at@pg01:5432/app', secret: 'p@ssw0rd-at' },
  { name: 'Redis URL without user', text: 'redis://:R3disPassw0rd@cache01:6379/0', secret: 'R3disPassw0rd' },
  { name: 'MongoDB SRV URL', text: 'mongodb+srv://admin:M0ng0Secr3tPw@cluster0.ab12c.mongodb.net/prod', secret: 'M0ng0Secr3tPw' },
  { name: 'MySQL JDBC query string', text: 'jdbc:mysql://db:3306/conf?user=confluence&password=Conf!uence#2024&useSSL=false', secret: 'Conf!uence#2024' },
  { name: 'SQL Server JDBC', text: 'jdbc:sqlserver://sql01:1433;databaseName=jira;user=jira;password=Jira$ql2024x;encrypt=true', secret: 'Jira$ql2024x' },
  { name: 'Oracle thin JDBC', text: 'jdbc:oracle:thin:scott/T1gerPassw0rd@//ora01:1521/ORCL', secret: 'T1gerPassw0rd' },
  { name: 'password= pair', text: 'Login failed: password=hunter2hunter2 user=bob', secret: 'hunter2hunter2' },
  { name: 'quoted password with spaces', text: 'DB_PASSWORD="correct horse battery staple"', secret: 'correct horse battery staple' },
  { name: 'JSON password', text: '{"username": "svc", "password": "s3cr3t value 42"}', secret: 's3cr3t value 42' },
  { name: 'YAML password', text: 'spring.datasource.password: Spr1ngDsPw!', secret: 'Spr1ngDsPw!' },
  { name: 'env PGPASSWORD', text: 'PGPASSWORD=pgPw123456 psql -h db', secret: 'pgPw123456' },
  { name: 'client secret', text: 'oauth.client_secret=cl1entS3cretValue', secret: 'cl1entS3cretValue' },
  { name: 'Django SECRET_KEY', text: "SECRET_KEY = 'dj4ngo-insecure-k3y-value'", secret: 'dj4ngo-insecure-k3y-value' },
  { name: 'command line password', text: 'mysql -u root --password Sh3llPassw0rd -h db', secret: 'Sh3llPassw0rd' },
  { name: 'Basic Authorization header', text: 'Authorization: Basic YWRtaW46YWRtaW4xMjM0NTY=', secret: 'YWRtaW46YWRtaW4xMjM0NTY=' },
  { name: 'Bearer Authorization header', text: '> Authorization: Bearer 7f3a9c01d2e4b5a6c7d8e9f0', secret: '7f3a9c01d2e4b5a6c7d8e9f0' },
  { name: 'Authorization as a JSON key', text: '"headers": {"Authorization": "Basic dXNlcjpwYXNzd29yZDEyMw=="}', secret: 'dXNlcjpwYXNzd29yZDEyMw==' },
  { name: 'Proxy-Authorization header', text: 'Proxy-Authorization: NTLM TlRMTVNTUAABAAAAB4IIogAAAAAA', secret: 'TlRMTVNTUAABAAAAB4IIogAAAAAA' },
  { name: 'curl bearer', text: `curl -H "Authorization: token ghp_${'a1B2'.repeat(9)}" https://api.github.com`, secret: `ghp_${'a1B2'.repeat(9)}` },
  { name: 'bare bearer token', text: 'sent Bearer 9f8e7d6c5b4a39281706abcd to the API', secret: '9f8e7d6c5b4a39281706abcd' },
  {
    name: 'JWT',
    text: 'token rejected: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c expired',
    secret: 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  },
  { name: 'Slack bot token', text: 'SLACK_BOT_TOKEN=xoxb-2048123456-4096123456789-AbCdEfGhIjKlMnOpQrStUvWx', secret: '4096123456789-AbCdEfGhIjKlMnOpQrStUvWx' },
  { name: 'Slack user token', text: 'using xoxp-1234567890-1234567890-1234567890123-0123456789abcdef0123456789abcdef', secret: '0123456789abcdef0123456789abcdef' },
  { name: 'Slack rotating token', text: 'xoxe.xoxp-1-Mi0yLTEyMzQ1Njc4OTAtMTIzNDU2Nzg5MDEy', secret: 'Mi0yLTEyMzQ1Njc4OTAtMTIzNDU2Nzg5MDEy' },
  { name: 'Slack app token', text: 'SLACK_APP_TOKEN=xapp-1-A0123456789-1234567890123-abcdef0123456789', secret: 'abcdef0123456789' },
  { name: 'Slack any xox token', text: 'legacy xoxs-9876543210-abcdefghij', secret: '9876543210-abcdefghij' },
  { name: 'Slack webhook', text: 'POST https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX failed', secret: 'XXXXXXXXXXXXXXXXXXXXXXXX' },
  { name: 'AWS access key id', text: 'The AWS Access Key Id AKIAIOSFODNN7EXAMPL3 does not exist', secret: 'AKIAIOSFODNN7EXAMPL3' },
  { name: 'AWS secret key', text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  { name: 'AWS secret in JSON', text: '{"AccessKeyId": "ASIAY34FZKBOKMUTVV7A", "SecretAccessKey": "9drTJvcXLB89EXAMPLELB8923FB892xMFI"}', secret: '9drTJvcXLB89EXAMPLELB8923FB892xMFI' },
  { name: 'GitLab token', text: 'PRIVATE-TOKEN: glpat-AbCdEfGhIjKlMnOpQrSt', secret: 'glpat-AbCdEfGhIjKlMnOpQrSt' },
  { name: 'session cookie', text: 'Cookie: JSESSIONID=8A3F0C1D2E4B5A6C; seraph.rememberme.cookie=9182736455', secret: '8A3F0C1D2E4B5A6C' },
  {
    name: 'RSA private key',
    text: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----',
    secret: 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  },
  {
    name: 'OpenSSH private key',
    text: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----',
    secret: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  },
  {
    name: 'encrypted PEM key',
    text: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----',
    secret: 'MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI',
  },
  {
    name: 'PGP private key block',
    text: '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0bzKcBCADKkJ5p8Ej1Q2v3c4d5e6f7g8h9i0j\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----',
    secret: 'lQOYBF0bzKcBCADKkJ5p8Ej1Q2v3c4d5e6f7g8h9i0j',
  },
  {
    name: 'private key cut off before its END line',
    text: 'here is our key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
    secret: 'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  },
];

describe('redactSecrets', () => {
  it.each(SECRET_SAMPLES)('removes $name', ({ text, secret }) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('keeps the error text around a secret, so a stored query still reads right', () => {
    const text = 'org.postgresql.util.PSQLException: FATAL: password authentication failed for user "jira" jdbc:postgresql://jira:Pw12345678@db:5432/jira';
    const out = redactSecrets(text);
    expect(out).toBe('org.postgresql.util.PSQLException: FATAL: password authentication failed for user "jira" jdbc:postgresql://jira:[REDACTED]@db:5432/jira');
    expect(redactSecrets('ORA-01017: invalid username/password; logon denied')).toBe('ORA-01017: invalid username/password; logon denied');
    expect(redactSecrets('passwordPolicy=strict tokenizer=standard')).toBe('passwordPolicy=strict tokenizer=standard');
    expect(redactSecrets('at com.atlassian.jwt.core.reader.NimbusJwtReader.read(NimbusJwtReader.java:151)')).toBe('at com.atlassian.jwt.core.reader.NimbusJwtReader.read(NimbusJwtReader.java:151)');
  });

  it('removes a secret wherever it sits in arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom(...SECRET_SAMPLES), fc.string({ maxLength: 300 }), (before, sample, after) => {
        fc.pre(!before.includes(sample.secret) && !after.includes(sample.secret));
        expect(redactSecrets(`${before}\n${sample.text}\n${after}`)).not.toContain(sample.secret);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(...SECRET_SAMPLES), (noise, sample) => {
        const once = redactSecrets(`${noise} ${sample.text}`);
        expect(redactSecrets(once)).toBe(once);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe('createLog', () => {
  it('redacts secrets in the message and in nested fields, also where JSON encoding would hide them', () => {
    const lines: string[] = [];
    const log = createLog({ level: 'debug', secrets: ['xoxb-own-bot-token-123', 'own-signing-secret-456'], write: (l) => lines.push(l) });
    log.info('query from jdbc:postgresql://u:Pg1Passw0rd@db/x', {
      text: '{"password": "js0n pass phrase"}',
      nested: { list: [{ header: 'Authorization: Basic YWRtaW46c2VjcmV0MTIzNA==' }] },
      error: new Error('connect failed for own-signing-secret-456 with xoxb-own-bot-token-123'),
    });
    log.debug('plain', { token: 'own-signing-secret-456' });
    const all = lines.join('\n');
    for (const s of ['Pg1Passw0rd', 'js0n pass phrase', 'YWRtaW46c2VjcmV0MTIzNA==', 'xoxb-own-bot-token-123', 'own-signing-secret-456']) expect(all).not.toContain(s);
    expect(lines.every((l) => typeof JSON.parse(l) === 'object')).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', nested: { list: [{ header: 'Authorization: [REDACTED]' }] } });
  });
});
