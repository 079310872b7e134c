import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { extractSignals } from '../../src/signals/extract-signals.js';
import { maskText } from '../../src/signals/mask.js';
import type { Signal, SignalKind } from '../../src/signals/signal.js';

const of = (signals: Signal[], kind: SignalKind) => signals.filter((s) => s.kind === kind);
const keys = (signals: Signal[], kind: SignalKind) => of(signals, kind).map((s) => s.key);
const texts = (signals: Signal[], kind: SignalKind) => of(signals, kind).map((s) => s.text);

const JAVA = `2024-03-05 10:22:41,118 ERROR [http-nio-8080-exec-7] [com.example.billing.InvoiceService] Failed to load invoice 4711
org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection
	at org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)
	at com.example.billing.InvoiceService.load(InvoiceService.java:88)
	at com.example.billing.InvoiceService$$EnhancerBySpringCGLIB$$a1b2c3.load(<generated>)
Caused by: org.postgresql.util.PSQLException: Connection to db.internal:5432 refused. Check that the hostname and port are correct.
	at org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)
	at org.postgresql.Driver.makeConnection(Driver.java:434)
	... 42 more`;

describe('extractSignals on Java', () => {
  const signals = extractSignals(JAVA);

  it('finds the exception and its Caused by: root, by simple class name', () => {
    expect(of(signals, 'exception')).toEqual([
      { kind: 'exception', key: 'dataaccessresourcefailureexception', text: 'org.springframework.dao.DataAccessResourceFailureException' },
      { kind: 'exception', key: 'psqlexception', text: 'org.postgresql.util.PSQLException' },
    ]);
  });

  it('keeps frames as class.method, without line numbers or generated proxy names', () => {
    expect(texts(signals, 'frame')).toEqual([
      'org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException',
      'com.example.billing.InvoiceService.load',
      'com.example.billing.InvoiceService$$EnhancerBySpringCGLIB$$a1b2c3.load',
      'org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl',
      'org.postgresql.Driver.makeConnection',
    ]);
    expect(keys(signals, 'frame')).toContain('com.example.billing.invoiceservice$.load');
    expect(keys(signals, 'frame').join(' ')).not.toMatch(/\.java|:\d|a1b2c3/);
  });

  it('takes the logger name from a log4j line', () => {
    expect(of(signals, 'logger')).toEqual([{ kind: 'logger', key: 'invoiceservice', text: 'com.example.billing.InvoiceService' }]);
    expect(keys(extractSignals('2024-03-05 10:22:41,118 [main] ERROR com.example.billing.InvoiceService - Failed to load invoice 4711'), 'logger')).toEqual(['invoiceservice']);
  });

  it('keeps the messages as masked templates', () => {
    expect(keys(signals, 'message')).toEqual([
      'failed to load invoice <*>',
      'unable to acquire jdbc connection',
      'connection to <*> refused. check that the hostname and port are correct.',
    ]);
  });

  it('finds the same exceptions and frames in the trace flattened onto one line', () => {
    const flat = extractSignals(JAVA.replace(/\n\s*/g, ' '));
    expect(keys(flat, 'exception')).toEqual(keys(signals, 'exception'));
    expect(keys(flat, 'frame')).toEqual(keys(signals, 'frame'));
  });

  it('ignores the Java 9+ module and class loader prefix of a frame', () => {
    const frames = [
      'at java.lang.Thread.run(Thread.java:750)',
      'at java.base/java.lang.Thread.run(Thread.java:829)',
      'at java.base@17.0.2/java.lang.Thread.run(Thread.java:833)',
    ].map((line) => keys(extractSignals(line), 'frame'));
    expect(frames).toEqual([['java.lang.thread.run'], ['java.lang.thread.run'], ['java.lang.thread.run']]);
    expect(keys(extractSignals('at app//com.example.Foo.bar(Foo.java:10)'), 'frame')).toEqual(['com.example.foo.bar']);
  });

  it('still finds the root exception and message below 300 lines of framework frames', () => {
    const lines = [
      '2024-03-05 10:22:41,118 ERROR [http-nio-8080-exec-7] [o.a.c.c.C.[Tomcat].[localhost]] Servlet.service() threw exception',
      'org.springframework.web.util.NestedServletException: Request processing failed',
    ];
    for (let i = 0; i < 150; i += 1) lines.push(`\tat org.springframework.web.servlet.Handler${i}.handle(Handler${i}.java:${100 + i})`);
    lines.push('Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "confluence"');
    for (let i = 0; i < 146; i += 1) lines.push(`\tat org.apache.catalina.core.Filter${i}.doFilter(Filter${i}.java:${200 + i})`);
    lines.push('\t... 87 more');
    expect(lines).toHaveLength(300);
    const big = extractSignals(lines.join('\n'));
    expect(keys(big, 'exception')).toEqual(['nestedservletexception', 'psqlexception']);
    expect(keys(big, 'message')).toContain('fatal: password authentication failed for user <*>');
    expect(of(big, 'frame').length).toBeLessThanOrEqual(60);
  });
});

describe('extractSignals on other runtimes', () => {
  it('reads the messages of a JSON error body or a structured log line from their fields', () => {
    const line = '{"level":50,"msg":"connect ECONNREFUSED to the upstream cache","err":{"type":"Error"}} {"error":{"reason":"[fielddata] Data too large, data for [token]"}}';
    const texts = of(extractSignals(line), 'message').map((s) => s.text);
    expect(texts).toEqual(expect.arrayContaining(['connect ECONNREFUSED to the upstream cache', '[fielddata] Data too large, data for [token]']));
  });

  it('reads an exception type written in snake_case (Elasticsearch JSON) as the Java class it names', () => {
    const json = '{"error":{"root_cause":[{"type":"circuit_breaking_exception","reason":"[fielddata] Data too large"}]}}';
    expect(keys(extractSignals(json), 'exception')).toEqual(keys(extractSignals('org.elasticsearch.common.breaker.CircuitBreakingException: [fielddata] Data too large'), 'exception'));
    expect(keys(extractSignals('cluster_block_exception: index [logs] blocked by: [FORBIDDEN/12/index read-only]'), 'exception')).toEqual(['clusterblockexception']);
    expect(keys(extractSignals('see the no_exception_here_flag and my_exception_count'), 'exception')).toEqual([]);
  });

  it('reads a Python traceback: frames as file.function, the exception and its message', () => {
    const signals = extractSignals(`Traceback (most recent call last):
  File "/srv/app/manage.py", line 22, in <module>
    main()
  File "/srv/app/manage.py", line 18, in main
    from django.core.management import execute_from_command_line
ModuleNotFoundError: No module named 'django'`);
    expect(keys(signals, 'frame')).toEqual(['manage.<module>', 'manage.main']);
    expect(of(signals, 'exception')).toEqual([{ kind: 'exception', key: 'modulenotfounderror', text: 'ModuleNotFoundError' }]);
    expect(texts(signals, 'message')).toEqual(["No module named 'django'"]);
  });

  it('reads a Node.js error: the errno code, the message and the frames', () => {
    const signals = extractSignals(`Error: connect ECONNREFUSED 127.0.0.1:5432
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
    at Object.<anonymous> (/app/src/db.js:12:7)`);
    expect(keys(signals, 'code')).toContain('ECONNREFUSED');
    expect(keys(signals, 'message')).toEqual(['connect econnrefused <*>']);
    expect(keys(signals, 'frame')).toEqual(['tcpconnectwrap.afterconnect@node:net', 'object.<anonymous>@db']);
  });

  it('reads a .NET exception with its namespace, message and frames', () => {
    const signals = extractSignals(`Unhandled exception. System.InvalidOperationException: Unable to resolve service for type 'Contoso.Data.IOrderRepository' while attempting to activate 'Contoso.Api.OrdersController'.
   at Microsoft.Extensions.DependencyInjection.ActivatorUtilities.GetService(IServiceProvider sp, Type type, Type requiredBy, Boolean isDefaultParameterRequired)
   at Contoso.Api.Program.Main(String[] args) in C:\\src\\Contoso.Api\\Program.cs:line 14`);
    expect(keys(signals, 'frame')).toEqual(['microsoft.extensions.dependencyinjection.activatorutilities.getservice', 'contoso.api.program.main']);
    expect(of(signals, 'exception')).toEqual([{ kind: 'exception', key: 'invalidoperationexception', text: 'System.InvalidOperationException' }]);
    expect(texts(signals, 'message')[0]).toMatch(/^Unable to resolve service for type/);
  });

  it('reads a Go panic: the message, the frames and the exit status', () => {
    const signals = extractSignals(`panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2f1c]

goroutine 1 [running]:
main.(*Server).handle(0x0, {0x5b3e20, 0xc000126000})
	/home/dev/app/server.go:42 +0x1c
main.main()
	/home/dev/app/main.go:17 +0x65
exit status 2`);
    expect(keys(signals, 'message')).toContain('runtime error: invalid memory address or nil pointer dereference');
    expect(keys(signals, 'code')).toContain('EXIT-2');
    expect(keys(signals, 'frame')).toEqual(['main.handle', 'main.main']);
  });
});

describe('extractSignals on status and error codes', () => {
  it.each([
    ['request failed with status code 401', 'HTTP-401'],
    ['< HTTP/1.1 502 Bad Gateway', 'HTTP-502'],
    ['error: RPC failed; HTTP 413 curl 22 The requested URL returned error: 413', 'HTTP-413'],
  ])('finds the HTTP status in "%s"', (line, key) => {
    expect(keys(extractSignals(line), 'http')).toEqual([key]);
  });

  it('does not read an HTTP status into any three-digit number', () => {
    expect(keys(extractSignals('Processed 404 files and 500 rows in 403 ms'), 'http')).toEqual([]);
  });

  it.each([
    ['ORA-01017: invalid username/password; logon denied', 'ORA-01017', 'ORA-01017'],
    ['[proxy_http:error] [pid 1234] AH01102: error reading status line from remote server localhost:8080', 'AH01102', 'AH01102'],
    ['FATAL: password authentication failed for user "app" (SQLSTATE 28P01)', 'SQLSTATE-28P01', 'SQLSTATE 28P01'],
    ['Container exited with exit code 137', 'EXIT-137', 'exit code 137'],
    ['Error [ERR_REQUIRE_ESM]: require() of ES Module /app/node_modules/chalk/source/index.js not supported.', 'ERR_REQUIRE_ESM', 'ERR_REQUIRE_ESM'],
    ['connect failed, errno: -111', 'ERRNO-111', 'errno -111'],
    ['Failed to pull image "x": rpc error: code = NotFound desc = failed to resolve reference', 'GRPC-NotFound', 'rpc code NotFound'],
    ['containerd phrases it as `code = NotFound desc = ... not found`', 'GRPC-NotFound', 'rpc code NotFound'],
  ])('finds the code in "%s"', (line, key, text) => {
    expect(of(extractSignals(line), 'code')).toContainEqual({ kind: 'code', key, text });
  });

  it.each([
    ['ERROR 1040 (HY000): Too many connections'],
    ['SQLSTATE[HY000] [1040] Too many connections'],
    ['pymysql.err.OperationalError: (1040, "Too many connections")'],
  ])('reads a MySQL error the same whichever client reports it: "%s"', (line) => {
    expect(keys(extractSignals(line), 'code')).toContain('ERROR-1040');
  });

  it('reads the SQLSTATE of a MySQL error line too, as a driver would report it', () => {
    expect(keys(extractSignals('ERROR 1045 (28000): Access denied for user'), 'code')).toEqual(expect.arrayContaining(['ERROR-1045', 'SQLSTATE-28000']));
  });
});

describe('maskText', () => {
  it('gives two occurrences of one event the same template', () => {
    const a = maskText(
      '2024-03-05 10:22:41,118 WARN [http-nio-8080-exec-7] request 3f2b6c1e-8d4a-4b2f-9e1a-7c5d3b9a0f12 from 10.0.4.17 to https://wiki.example.com/rest/api/content failed for XXXXXX',
    );
    const b = maskText(
      '2025-11-30 23:59:59,999 WARN [http-nio-8443-exec-112] request 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d from 192.168.1.250 to https://confluence.corp.local/rest/api/content failed for XXXXXXXXXXX',
    );
    expect(a).toBe(b);
    expect(a).toBe('<*> warn <*> request <*> from <*> to http://<*> failed for <*>');
  });

  it('masks what belongs to one installation: quoted values, paths but their file name, identifiers', () => {
    expect(maskText("Cannot find module 'winston'")).toBe('cannot find module <*>');
    expect(maskText("detected dubious ownership in repository at '/__w/billing/billing'")).toBe('detected dubious ownership in repository at <*>');
    expect(maskText('dial unix /var/run/docker.sock: connect: permission denied')).toBe('dial unix <*> docker.sock: connect: permission denied');
    expect(maskText("Plugin 'com.onresolve.jira.groovy' did not enable; predicateName=x")).toBe('plugin <*> did not enable; <*>=x');
    expect(maskText('no pg_hba.conf entry for host and/or user')).toBe('no pg_hba.conf entry for host and/or user');
  });

  it('takes an error quoted inside a sentence as a message, up to its closing quote or the end of the sentence', () => {
    const messages = (t: string) => keys(extractSignals(t), 'message');
    expect(messages("pip install fails with 'Error: pg_config executable not found.' and then more")).toEqual(['pg_config executable not found.']);
    expect(messages('git pull says fatal: refusing to merge unrelated histories. how do I combine them?')).toEqual(['refusing to merge unrelated histories']);
    expect(messages("we got 'java.lang.OutOfMemoryError: GC overhead limit exceeded' twice this week")).toEqual(['gc overhead limit exceeded']);
    expect(messages('I get an error when I start it')).toEqual([]);
    expect(messages('the error is in the config')).toEqual([]);
    expect(messages('docker run --name web nginx: Error response from daemon: Conflict. The container name "/web" is already in use. You have to remove it')).toEqual([
      'conflict. the container name <*> is already in use',
    ]);
    expect(messages('opensearch returns cluster_block_exception: index [idx] blocked by: [FORBIDDEN/12/index read-only]')).toEqual([
      'index [idx] blocked by: <*> read-only]',
    ]);
    expect(messages("test fails with 'LDAP: error code 32 - 0000208D: NameErr: DSID-03100241, problem 2001 (NO_OBJECT)'")).toEqual([
      'nameerr: <*> problem <*> (no_object)',
    ]);
  });

  it('reads the message of nginx and Apache error lines and of kubectl events', () => {
    const messages = (t: string) => keys(extractSignals(t), 'message');
    expect(messages('2025/03/14 10:02:33 [error] 912#912: *4411 upstream sent too big header while reading response header from upstream')).toEqual([
      'upstream sent too big header while reading response header from upstream',
    ]);
    expect(messages('[Tue Mar 14 10:00:00 2025] [proxy_http:error] [pid 1234] [client 10.0.0.1:5000] AH01102: error reading status line from remote server')).toEqual([
      'error reading status line from remote server',
    ]);
    expect(messages('  Warning  FailedScheduling  38s   default-scheduler  0/3 nodes are available: 3 Insufficient cpu.')).toEqual([
      'nodes are available: <*> insufficient cpu.',
    ]);
  });

  it('keeps the words that tell two events apart', () => {
    expect(maskText('request 42 from 10.0.4.17 failed')).not.toBe(maskText('request 42 from 10.0.4.17 succeeded'));
  });
});

describe('extractSignals token cache', () => {
  const texts = (): string[] => {
    const root = join(import.meta.dirname, '..', '..');
    const files = [
      ...readdirSync(join(root, 'kb'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)),
      ...readdirSync(join(root, 'test', 'fixtures'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)),
    ];
    const queries = readdirSync(join(root, 'test', 'eval', 'queries'))
      .flatMap((f) => readFileSync(join(root, 'test', 'eval', 'queries', f), 'utf8').split('\n').filter(Boolean))
      .map((line) => (JSON.parse(line) as { text: string }).text);
    return [...files.map((f) => readFileSync(f, 'utf8')), ...queries];
  };

  it('finds the same signals with a cold cache and a warm one, on every bundled article, fixture and eval query', async () => {
    const all = texts();
    vi.resetModules();
    const cold = (await import('../../src/signals/extract-signals.js')).extractSignals;
    // A fresh module per text would be slow; instead: each text once on a fresh module (cold for
    // its tokens the first time they appear), then every text again once everything is cached.
    const first = all.map((t) => cold(t, { maxFrames: 200 }));
    const again = all.map((t) => cold(t, { maxFrames: 200 }));
    expect(again).toEqual(first);
    vi.resetModules();
    const fresh = (await import('../../src/signals/extract-signals.js')).extractSignals;
    for (const [i, t] of all.entries()) {
      if (i % 7 === 0) expect(fresh(t, { maxFrames: 200 })).toEqual(first[i]);
    }
  });

  it('does not share signal objects between calls', () => {
    const a = extractSignals('Caused by: java.net.ConnectException: Connection refused (ECONNREFUSED)');
    a[0]!.key = 'changed';
    expect(extractSignals('Caused by: java.net.ConnectException: Connection refused (ECONNREFUSED)')[0]!.key).toBe('connectexception');
  });
});
