import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../src/redact/redact-secrets.js';

/**
 * Issue 18, item 3: for generated secrets in generated contexts (every way a credential was
 * found to survive, and the shapes that already worked), the secret never survives redaction,
 * whatever noise surrounds it.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SYMBOLS = '!#%*+-._~^';
const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(''));
const text = (alphabet: string, min: number, max: number) => fc.array(chars(alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** A password as people choose them: starts with a letter, has a digit, 8-40 characters of letters, digits and symbols. */
const password = fc
  .tuple(chars(LETTERS), text(LETTERS + DIGITS + SYMBOLS, 6, 38), chars(DIGITS))
  .map(([first, middle, digit]) => `${first}${middle}${digit}`);
/** A secret of letters and digits only, for contexts that end a value at any symbol. */
const alnum = fc.tuple(chars(LETTERS), text(LETTERS + DIGITS, 6, 38), chars(DIGITS)).map(([a, b, c]) => `${a}${b}${c}`);
/** A 40-character AWS secret access key: base64 letters with upper and lower case and a digit. */
const awsSecret = fc
  .tuple(text('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1, 1), text('abcdefghijklmnopqrstuvwxyz', 1, 1), text(DIGITS, 1, 1), text(`${LETTERS}${DIGITS}/+`, 37, 37))
  .map(([u, l, d, rest]) => `${rest.slice(0, 12)}${u}${rest.slice(12, 24)}${l}${rest.slice(24)}${d}`);

interface Context {
  name: string;
  secret: fc.Arbitrary<string>;
  /** The text with the secret in it; every string in `parts` must be gone after redaction. */
  make: (secret: string) => { text: string; parts: string[] };
}

const one = (f: (s: string) => string) => (s: string) => ({ text: f(s), parts: [s] });

const CONTEXTS: Context[] = [
  // the gaps of issue 18
  { name: 'URL password with a slash', secret: fc.tuple(alnum, alnum).map(([a, b]) => `${a}/${b}`), make: one((s) => `postgres://u:${s}@host:5432/db`) },
  { name: 'bare AWS secret access key', secret: awsSecret, make: one((s) => `export AWS_KEY ${s} for the job`) },
  { name: 'DB_PASS=', secret: password, make: one((s) => `DB_PASS=${s} ./start.sh`) },
  { name: 'mysql -p<pw>', secret: password, make: one((s) => `mysql -h db01 -u root -p${s} jira`) },
  { name: 'mysqldump -p<pw>', secret: password, make: one((s) => `mysqldump --single-transaction -u backup -p${s} confluence > dump.sql`) },
  { name: 'curl -u user:pw', secret: password, make: one((s) => `curl -s -u admin:${s} https://jira.example.com/rest/api/2/myself`) },
  { name: 'curl --user user:pw', secret: password, make: one((s) => `curl --user "svc:${s}" -X POST https://x/api`) },
  { name: 'pass: x', secret: password, make: one((s) => `ldap:\n  bind_dn: cn=svc\n  pass: ${s}`) },
  { name: '<password>x</password>', secret: password, make: one((s) => `<datasource><username>jira</username><password>${s}</password></datasource>`) },
  { name: 'escaped <password>', secret: alnum, make: one((s) => `&lt;password&gt;${s}&lt;/password&gt;`) },
  { name: 'sshpass -p x', secret: password, make: one((s) => `sshpass -p ${s} ssh deploy@web01`) },
  { name: 'Google API key', secret: text(`${LETTERS}${DIGITS}_-`, 35, 35), make: (s) => ({ text: `GET https://maps.example.com/api?k=AIza${s}&q=x`, parts: [`AIza${s}`] }) },
  { name: 'Stripe live secret key', secret: text(LETTERS + DIGITS, 24, 99), make: (s) => ({ text: `stripe.api_key = sk_live_${s}`, parts: [`sk_live_${s}`] }) },
  { name: "password => 'x'", secret: password, make: one((s) => `'password' => '${s}',`) },
  { name: 'password -> x', secret: password, make: one((s) => `password -> ${s}`) },
  // shapes that already worked, so that none regresses
  { name: 'JDBC URL', secret: password, make: one((s) => `jdbc:postgresql://dbuser:${s}@db.internal:5432/jira`) },
  { name: 'PASSWORD: x', secret: password, make: one((s) => `PASSWORD: ${s}`) },
  { name: 'Pwd=x;', secret: alnum, make: one((s) => `Server=sql01;Database=app;User Id=app;Pwd=${s};`) },
  { name: 'quoted JSON password', secret: password, make: one((s) => `{"user": "svc", "password": "${s}"}`) },
  { name: 'YAML password', secret: password, make: one((s) => `spring.datasource.password: ${s}`) },
  { name: 'trustStorePassword', secret: password, make: one((s) => `-Djavax.net.ssl.trustStorePassword=${s} -Dx=y`) },
  { name: '--password x', secret: password, make: one((s) => `psql --password ${s} -h db`) },
  { name: 'redis URL', secret: password, make: one((s) => `redis://:${s}@cache01:6379/0`) },
  { name: 'api_key', secret: password, make: one((s) => `api_key: "${s}"`) },
  { name: 'client secret', secret: password, make: one((s) => `oauth.client_secret=${s}`) },
  { name: 'Bearer', secret: alnum, make: one((s) => `Authorization: Bearer ${s}`) },
  { name: 'Basic', secret: alnum, make: one((s) => `Authorization: Basic ${Buffer.from(`u:${s}`).toString('base64')}`) },
];

/** Lines of log-like noise around the secret. */
const noise = fc.array(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('2024-05-02 10:11:12,123 ERROR [main] failed', 'at com.example.Foo.bar(Foo.java:12)', 'password', 'token:', '-p', 'curl -u', '<password>')), { maxLength: 4 }).map((lines) => lines.join('\n'));

describe('redactSecrets: a generated secret in a generated context never survives', () => {
  it.each(CONTEXTS.map((c) => [c.name, c] as const))('%s', (_name, context) => {
    fc.assert(
      fc.property(context.secret, noise, noise, (secret, before, after) => {
        const { text: inner, parts } = context.make(secret);
        const whole = `${before}\n${inner}\n${after}`;
        fc.pre(parts.every((p) => !before.includes(p) && !after.includes(p)));
        const out = redactSecrets(whole);
        for (const p of parts) expect(out).not.toContain(p);
        expect(out).toContain(REDACTED);
      }),
      { numRuns: 150, seed: 18 },
    );
  });

  it('keeps what is no secret: prose, placeholders, ids', () => {
    for (const keep of [
      'the repository may require authorization: server message: insufficient_scope',
      'bypass=true passwordPolicy=strict',
      'git checkout 3f2c1e8a9b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e',
      'https://confluence.example.com:8443/users/bob@example.com',
      'docker run -u 1000:1000 -p 8080:80 image',
      'mkdir -p /var/atlassian/application-data',
      'mysql -u root -p -h db01',
      '--docker-password="$REGISTRY_TOKEN"',
      'password: ${DB_PASSWORD}',
      'ansible_become_pass: {{ vault_become_pass }}',
      'password=<your password>',
      'DATABASE_URL=postgres://orders:***@127.0.0.1:5432/orders',
      'Set the password:\n```\nfoo\n```',
    ]) {
      expect(redactSecrets(keep)).toBe(keep);
    }
  });

  it('password => keeps its arrow and quotes, with the value gone', () => {
    expect(redactSecrets("'password' => 'hunter2hunter2',")).toBe(`'password' => '${REDACTED}',`);
  });
});
