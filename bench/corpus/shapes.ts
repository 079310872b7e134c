/**
 * The vocabulary of the synthetic corpus, taken from the shapes of the bundled KB: products and
 * their stacks, exception classes, error codes, HTTP statuses, framework frames, log formats and
 * config languages. Everything the generator writes is built from these lists and a seed.
 */

export type Stack = 'java' | 'node' | 'python' | 'go' | 'dotnet';
export type ConfigLang = 'properties' | 'xml' | 'yaml' | 'nginx' | 'apache' | 'json' | 'ini';

export interface ProductShape {
  name: string;
  slug: string;
  stack: Stack;
  versions: string[];
  /** Root package or module path of the product's own code. */
  pkg: string;
  configLangs: ConfigLang[];
  logFile: string;
  service: string;
  /** Things users of the product deal with, for prose and questions. */
  nouns: string[];
}

export const PRODUCTS: readonly ProductShape[] = [
  { name: 'Confluence', slug: 'confluence', stack: 'java', versions: ['7.19', '8.5', '9.2'], pkg: 'com.atlassian.confluence', configLangs: ['properties', 'xml'], logFile: '<confluence-home>/logs/atlassian-confluence.log', service: 'confluence', nouns: ['page', 'space', 'attachment', 'macro', 'blueprint', 'draft'] },
  { name: 'Jira', slug: 'jira', stack: 'java', versions: ['9.4', '9.12', '10.3'], pkg: 'com.atlassian.jira', configLangs: ['properties', 'xml'], logFile: '<jira-home>/log/atlassian-jira.log', service: 'jira', nouns: ['issue', 'board', 'workflow', 'filter', 'project', 'sprint'] },
  { name: 'Bitbucket', slug: 'bitbucket', stack: 'java', versions: ['8.9', '8.19', '9.4'], pkg: 'com.atlassian.bitbucket', configLangs: ['properties', 'yaml'], logFile: '<bitbucket-home>/log/atlassian-bitbucket.log', service: 'bitbucket', nouns: ['repository', 'pull request', 'branch', 'mirror', 'webhook', 'clone'] },
  { name: 'Jenkins', slug: 'jenkins', stack: 'java', versions: ['2.426', '2.440', '2.462'], pkg: 'hudson.plugins', configLangs: ['xml', 'yaml'], logFile: '/var/log/jenkins/jenkins.log', service: 'jenkins', nouns: ['job', 'agent', 'pipeline', 'build', 'credential', 'workspace'] },
  { name: 'Keycloak', slug: 'keycloak', stack: 'java', versions: ['22.0', '24.0', '25.0'], pkg: 'org.keycloak', configLangs: ['properties', 'json'], logFile: '/opt/keycloak/data/log/keycloak.log', service: 'keycloak', nouns: ['realm', 'client', 'token', 'session', 'identity provider', 'user federation'] },
  { name: 'Kafka', slug: 'kafka', stack: 'java', versions: ['3.5', '3.6', '3.7'], pkg: 'org.apache.kafka', configLangs: ['properties', 'yaml'], logFile: '/var/log/kafka/server.log', service: 'kafka', nouns: ['topic', 'partition', 'consumer group', 'broker', 'offset', 'producer'] },
  { name: 'Elasticsearch', slug: 'elasticsearch', stack: 'java', versions: ['7.17', '8.11', '8.14'], pkg: 'org.elasticsearch', configLangs: ['yaml', 'json'], logFile: '/var/log/elasticsearch/cluster.log', service: 'elasticsearch', nouns: ['index', 'shard', 'node', 'snapshot', 'mapping', 'replica'] },
  { name: 'Spring Boot service', slug: 'springboot', stack: 'java', versions: ['2.7', '3.2', '3.3'], pkg: 'com.example.orders', configLangs: ['yaml', 'properties'], logFile: 'logs/application.log', service: 'orders-service', nouns: ['endpoint', 'bean', 'datasource', 'scheduler', 'message listener', 'health check'] },
  { name: 'Node.js API', slug: 'nodeapi', stack: 'node', versions: ['18.19', '20.11', '22.4'], pkg: '/srv/api/src', configLangs: ['json', 'yaml'], logFile: '/var/log/api/app.log', service: 'api', nouns: ['route', 'worker', 'queue', 'upload', 'websocket', 'cron job'] },
  { name: 'npm', slug: 'npm', stack: 'node', versions: ['9.8', '10.2', '10.8'], pkg: '/usr/lib/node_modules/npm/lib', configLangs: ['ini', 'json'], logFile: '~/.npm/_logs/debug-0.log', service: 'npm', nouns: ['package', 'registry', 'lockfile', 'workspace', 'script', 'cache'] },
  { name: 'Django app', slug: 'django', stack: 'python', versions: ['4.2', '5.0', '5.1'], pkg: 'shop', configLangs: ['ini', 'yaml'], logFile: '/var/log/shop/django.log', service: 'shop', nouns: ['view', 'migration', 'model', 'admin page', 'static file', 'form'] },
  { name: 'Celery workers', slug: 'celery', stack: 'python', versions: ['5.2', '5.3', '5.4'], pkg: 'tasks', configLangs: ['ini', 'yaml'], logFile: '/var/log/celery/worker.log', service: 'celery-worker', nouns: ['task', 'queue', 'beat schedule', 'result backend', 'broker', 'retry'] },
  { name: 'Airflow', slug: 'airflow', stack: 'python', versions: ['2.7', '2.8', '2.9'], pkg: 'airflow', configLangs: ['ini', 'yaml'], logFile: '$AIRFLOW_HOME/logs/scheduler/latest.log', service: 'airflow-scheduler', nouns: ['DAG', 'task instance', 'connection', 'pool', 'sensor', 'executor'] },
  { name: 'Go gateway', slug: 'gogateway', stack: 'go', versions: ['1.21', '1.22', '1.23'], pkg: 'github.com/example/gateway', configLangs: ['yaml', 'json'], logFile: '/var/log/gateway/gateway.log', service: 'gateway', nouns: ['upstream', 'listener', 'route', 'certificate', 'rate limit', 'health probe'] },
  { name: 'Kubernetes', slug: 'k8s', stack: 'go', versions: ['1.27', '1.29', '1.30'], pkg: 'k8s.io/kubernetes/pkg', configLangs: ['yaml'], logFile: 'kubectl logs', service: 'kubelet', nouns: ['pod', 'deployment', 'node', 'volume', 'ingress', 'secret'] },
  { name: 'Traefik', slug: 'traefik', stack: 'go', versions: ['2.10', '2.11', '3.1'], pkg: 'github.com/traefik/traefik/v3/pkg', configLangs: ['yaml', 'nginx'], logFile: '/var/log/traefik/traefik.log', service: 'traefik', nouns: ['router', 'middleware', 'entrypoint', 'certificate resolver', 'service', 'provider'] },
  { name: 'Vault', slug: 'vault', stack: 'go', versions: ['1.14', '1.15', '1.17'], pkg: 'github.com/hashicorp/vault', configLangs: ['json', 'apache'], logFile: '/var/log/vault/vault.log', service: 'vault', nouns: ['secret engine', 'auth method', 'policy', 'lease', 'seal', 'audit device'] },
  { name: '.NET API', slug: 'dotnet', stack: 'dotnet', versions: ['6.0', '8.0', '9.0'], pkg: 'Contoso.Billing', configLangs: ['json', 'xml'], logFile: 'logs/billing-.log', service: 'billing-api', nouns: ['controller', 'DbContext', 'hosted service', 'middleware', 'connection string', 'background job'] },
];

/** A family of problems sharing one exception class (and maybe a code or status): the confusable groups. */
export interface BaseFault {
  exception: string;
  /** A stable phrase of the message every member shares. */
  head: string;
  code?: string;
  http?: number;
  /** Frames of the library that throws it, top first. */
  frames: string[];
}

export const BASE_FAULTS: Record<Stack, readonly BaseFault[]> = {
  java: [
    { exception: 'java.net.SocketTimeoutException', head: 'Read timed out', frames: ['java.net.SocketInputStream.socketRead0', 'java.net.SocketInputStream.read', 'sun.security.ssl.SSLSocketInputRecord.read', 'org.apache.http.impl.io.SessionInputBufferImpl.fillBuffer'] },
    { exception: 'java.net.ConnectException', head: 'Connection refused', frames: ['java.base/sun.nio.ch.Net.pollConnect', 'java.base/sun.nio.ch.NioSocketImpl.timedFinishConnect', 'java.base/java.net.Socket.connect', 'org.apache.http.conn.socket.PlainConnectionSocketFactory.connectSocket'] },
    { exception: 'javax.net.ssl.SSLHandshakeException', head: 'PKIX path building failed', frames: ['sun.security.ssl.Alert.createSSLException', 'sun.security.ssl.TransportContext.fatal', 'sun.security.ssl.CertificateMessage$T13CertificateConsumer.checkServerCerts', 'sun.security.validator.PKIXValidator.doBuild'] },
    { exception: 'org.postgresql.util.PSQLException', head: 'FATAL: connection rejected by server', code: 'SQLSTATE 53300', frames: ['org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication', 'org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect', 'org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl', 'org.postgresql.Driver.connect'] },
    { exception: 'java.sql.SQLTransientConnectionException', head: 'Connection is not available, request timed out', frames: ['com.zaxxer.hikari.pool.HikariPool.createTimeoutException', 'com.zaxxer.hikari.pool.HikariPool.getConnection', 'com.zaxxer.hikari.HikariDataSource.getConnection'] },
    { exception: 'java.lang.IllegalStateException', head: 'Failed to start component', frames: ['org.springframework.util.Assert.state', 'org.springframework.context.support.AbstractApplicationContext.refresh'] },
    { exception: 'java.lang.OutOfMemoryError', head: 'Java heap space', frames: ['java.util.Arrays.copyOf', 'java.lang.AbstractStringBuilder.ensureCapacityInternal', 'java.lang.StringBuilder.append'] },
    { exception: 'org.apache.lucene.store.LockObtainFailedException', head: 'Lock held by another program', frames: ['org.apache.lucene.store.NativeFSLockFactory.obtainFSLock', 'org.apache.lucene.store.FSLockFactory.obtainLock', 'org.apache.lucene.index.IndexWriter.<init>'] },
    { exception: 'org.springframework.beans.factory.BeanCreationException', head: 'Error creating bean with name', frames: ['org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.initializeBean', 'org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.doCreateBean'] },
    { exception: 'javax.naming.AuthenticationException', head: '[LDAP: error code 49 - 80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error', code: 'error code 49', frames: ['com.sun.jndi.ldap.LdapCtx.mapErrorCode', 'com.sun.jndi.ldap.LdapCtx.processReturnCode', 'com.sun.jndi.ldap.LdapCtx.connect'] },
    { exception: 'com.atlassian.jwt.exception.JwtVerificationException', head: "Expecting claim 'qsh' to have value", http: 401, frames: ['com.atlassian.jwt.core.reader.JwtClaimEqualityVerifier.verify', 'com.atlassian.jwt.core.reader.NimbusJwtReader.read'] },
    { exception: 'org.apache.kafka.common.errors.TimeoutException', head: 'Expiring records for topic', frames: ['org.apache.kafka.clients.producer.internals.RecordAccumulator.expiredBatches', 'org.apache.kafka.clients.producer.internals.Sender.sendProducerData'] },
    { exception: 'java.nio.file.AccessDeniedException', head: 'Permission denied', frames: ['sun.nio.fs.UnixException.translateToIOException', 'sun.nio.fs.UnixFileSystemProvider.newByteChannel', 'java.nio.file.Files.newOutputStream'] },
    { exception: 'org.apache.catalina.connector.ClientAbortException', head: 'java.io.IOException: Broken pipe', http: 502, frames: ['org.apache.catalina.connector.OutputBuffer.realWriteBytes', 'org.apache.catalina.connector.OutputBuffer.flushByteBuffer'] },
  ],
  node: [
    { exception: 'Error', head: 'connect ECONNREFUSED', code: 'ECONNREFUSED', frames: ['TCPConnectWrap.afterConnect [as oncomplete]@net'] },
    { exception: 'Error', head: 'getaddrinfo ENOTFOUND', code: 'ENOTFOUND', frames: ['GetAddrInfoReqWrap.onlookup [as oncomplete]@dns'] },
    { exception: 'Error', head: 'EACCES: permission denied, open', code: 'EACCES', frames: ['Object.openSync@fs', 'Object.writeFileSync@fs'] },
    { exception: 'TypeError', head: "Cannot read properties of undefined (reading 'id')", frames: ['Module._compile@loader', 'Object.Module._extensions..js@loader'] },
    { exception: 'RangeError', head: 'Maximum call stack size exceeded', frames: ['Array.forEach@<anonymous>'] },
    { exception: 'FetchError', head: 'request to upstream failed', http: 503, frames: ['ClientRequest.<anonymous>@index', 'ClientRequest.emit@events'] },
    { exception: 'Error', head: 'listen EADDRINUSE: address already in use', code: 'EADDRINUSE', frames: ['Server.setupListenHandle [as _listen2]@net', 'listenInCluster@net'] },
    { exception: 'Error', head: 'self-signed certificate in certificate chain', code: 'SELF_SIGNED_CERT_IN_CHAIN', frames: ['TLSSocket.onConnectSecure@_tls_wrap', 'TLSSocket.emit@events'] },
  ],
  python: [
    { exception: 'requests.exceptions.ConnectionError', head: 'HTTPSConnectionPool', frames: ['adapters.send', 'sessions.send', 'sessions.request', 'api.request'] },
    { exception: 'ssl.SSLCertVerificationError', head: '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed', code: 'CERTIFICATE_VERIFY_FAILED', frames: ['ssl.do_handshake', 'ssl._create', 'connection.connect'] },
    { exception: 'psycopg2.OperationalError', head: 'connection to server at db-primary failed', frames: ['__init__.connect', 'base.get_new_connection', 'base.connect'] },
    { exception: 'django.db.utils.OperationalError', head: 'could not connect to server', frames: ['utils.execute', 'base.execute', 'query.execute_sql'] },
    { exception: 'ModuleNotFoundError', head: "No module named 'vendor'", frames: ['<frozen importlib._bootstrap>._find_and_load', 'importlib.import_module'] },
    { exception: 'PermissionError', head: '[Errno 13] Permission denied', code: 'EACCES', frames: ['pathlib.open', 'io.open'] },
    { exception: 'TimeoutError', head: 'timed out waiting for a response', frames: ['socket.create_connection', 'connection._new_conn'] },
    { exception: 'KeyError', head: 'missing key', frames: ['config.__getitem__', 'settings.get'] },
  ],
  go: [
    { exception: 'net/http: request canceled', head: 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)', http: 504, frames: ['net/http.(*Client).do', 'net/http.(*Client).Do'] },
    { exception: 'x509: certificate signed by unknown authority', head: 'tls: failed to verify certificate', code: 'x509', frames: ['crypto/tls.(*Conn).verifyServerCertificate', 'crypto/tls.(*Conn).clientHandshake'] },
    { exception: 'dial tcp', head: 'connect: connection refused', code: 'ECONNREFUSED', http: 502, frames: ['net.(*Dialer).DialContext', 'net/http.(*Transport).dialConn'] },
    { exception: 'rpc error', head: 'code = DeadlineExceeded desc = context deadline exceeded', code: 'DeadlineExceeded', frames: ['google.golang.org/grpc.(*ClientConn).Invoke', 'google.golang.org/grpc.invoke'] },
    { exception: 'panic: runtime error', head: 'invalid memory address or nil pointer dereference', frames: ['runtime.panicmem', 'runtime.sigpanic'] },
    { exception: 'http: request body too large', head: 'request entity too large', http: 413, frames: ['net/http.(*maxBytesReader).Read', 'io.ReadAll'] },
    { exception: 'etcdserver', head: 'request timed out, possibly due to connection lost', code: 'ETIMEDOUT', frames: ['go.etcd.io/etcd/client/v3.(*retryKVClient).Range', 'go.etcd.io/etcd/client/v3.(*kv).Do'] },
    { exception: 'OOMKilled', head: 'Container was terminated', code: 'Exit Code: 137', frames: ['kuberuntime.(*kubeGenericRuntimeManager).SyncPod', 'kubelet.(*Kubelet).syncPod'] },
  ],
  dotnet: [
    { exception: 'System.Data.SqlClient.SqlException', head: 'A network-related or instance-specific error occurred while establishing a connection to SQL Server', code: 'error: 40', frames: ['System.Data.SqlClient.SqlInternalConnectionTds.LoginNoFailover', 'System.Data.ProviderBase.DbConnectionPool.CreateObject'] },
    { exception: 'System.Net.Http.HttpRequestException', head: 'Response status code does not indicate success', http: 503, frames: ['System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode', 'System.Net.Http.HttpClient.SendAsync'] },
    { exception: 'System.TimeoutException', head: 'The operation has timed out', frames: ['System.Threading.Tasks.TaskExtensions.TimeoutAfter', 'Microsoft.Extensions.Hosting.Internal.Host.StartAsync'] },
    { exception: 'System.InvalidOperationException', head: 'Unable to resolve service for type', frames: ['Microsoft.Extensions.DependencyInjection.ActivatorUtilities.GetService', 'Microsoft.Extensions.DependencyInjection.ServiceLookup.CallSiteFactory.CreateArgumentCallSites'] },
    { exception: 'System.UnauthorizedAccessException', head: 'Access to the path is denied', frames: ['System.IO.FileSystem.CreateDirectory', 'System.IO.Directory.CreateDirectory'] },
    { exception: 'Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException', head: 'IDX10223: Lifetime validation failed. The token is expired', code: 'IDX10223', http: 401, frames: ['Microsoft.IdentityModel.Tokens.Validators.ValidateLifetime', 'System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler.ValidateToken'] },
  ],
};

/** Framework layers each stack's traces run through, beneath the product's own code. */
export const FRAMEWORK_FRAMES: Record<Stack, readonly string[]> = {
  java: [
    'org.apache.catalina.core.ApplicationFilterChain.internalDoFilter', 'org.apache.catalina.core.ApplicationFilterChain.doFilter',
    'org.apache.catalina.core.StandardWrapperValve.invoke', 'org.apache.catalina.core.StandardContextValve.invoke',
    'org.apache.catalina.authenticator.AuthenticatorBase.invoke', 'org.apache.catalina.core.StandardHostValve.invoke',
    'org.apache.catalina.valves.ErrorReportValve.invoke', 'org.apache.catalina.core.StandardEngineValve.invoke',
    'org.apache.catalina.connector.CoyoteAdapter.service', 'org.apache.coyote.http11.Http11Processor.service',
    'org.apache.coyote.AbstractProcessorLight.process', 'org.apache.coyote.AbstractProtocol$ConnectionHandler.process',
    'org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun', 'org.apache.tomcat.util.net.SocketProcessorBase.run',
    'java.util.concurrent.ThreadPoolExecutor.runWorker', 'java.util.concurrent.ThreadPoolExecutor$Worker.run',
    'org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run', 'java.lang.Thread.run',
    'org.springframework.web.servlet.FrameworkServlet.service', 'org.springframework.web.servlet.DispatcherServlet.doDispatch',
    'org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.handleInternal',
    'org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest',
    'org.springframework.aop.framework.ReflectiveMethodInvocation.proceed', 'org.springframework.aop.framework.JdkDynamicAopProxy.invoke',
    'org.springframework.transaction.interceptor.TransactionInterceptor.invoke',
    'org.springframework.transaction.interceptor.TransactionAspectSupport.invokeWithinTransaction',
    'com.sun.proxy.$Proxy212.execute', 'jdk.internal.reflect.GeneratedMethodAccessor431.invoke',
    'java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke', 'java.base/java.lang.reflect.Method.invoke',
    'com.atlassian.plugin.servlet.filter.DelegatingPluginFilter.doFilter', 'com.atlassian.plugin.servlet.filter.IteratingFilterChain.doFilter',
    'com.atlassian.seraph.filter.SecurityFilter.doFilter', 'com.atlassian.core.filters.AbstractHttpFilter.doFilter',
    'io.micrometer.core.instrument.AbstractTimer.recordCallable', 'org.hibernate.internal.SessionImpl.flush',
    'org.hibernate.event.internal.DefaultFlushEventListener.onFlush', 'com.google.common.util.concurrent.TrustedListenableFutureTask.run',
  ],
  node: [
    'processTicksAndRejections@task_queues', 'Layer.handle [as handle_request]@layer', 'next@route', 'Route.dispatch@route',
    'Function.process_params@index', 'router.handle@index', 'Server.emit@events', 'parserOnIncoming@_http_server',
    'HTTPParser.parserOnHeadersComplete@_http_common', 'async Promise.all@index', 'Module.require@loader', 'require@helpers',
    'Object.<anonymous>@server', 'Module.load@loader', 'Function.executeUserEntryPoint [as runMain]@run_main',
  ],
  python: [
    'base.get_response', 'exception.inner', 'base._get_response', 'views.dispatch', 'decorators._wrapped_view',
    'trace.__call__', 'app_or_default.run', 'worker.process_task', 'connectionpool.urlopen', 'connectionpool._make_request',
    'client.request', 'client._send_request', 'retry.increment', 'taskinstance._run_raw_task', 'taskinstance._execute_task',
  ],
  go: [
    'net/http.HandlerFunc.ServeHTTP', 'net/http.serverHandler.ServeHTTP', 'net/http.(*conn).serve', 'runtime.goexit',
    'github.com/go-chi/chi/v5.(*Mux).ServeHTTP', 'github.com/go-chi/chi/v5.(*Mux).routeHTTP', 'golang.org/x/sync/errgroup.(*Group).Go.func1',
    'net/http.(*ServeMux).ServeHTTP', 'net/http.(*Transport).roundTrip', 'net/http.(*Transport).RoundTrip', 'net/http.send',
    'google.golang.org/grpc.(*Server).handleStream', 'google.golang.org/grpc.(*Server).processUnaryRPC',
  ],
  dotnet: [
    'Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker.InvokeActionMethodAsync',
    'Microsoft.AspNetCore.Mvc.Infrastructure.ResourceInvoker.InvokeFilterPipelineAsync',
    'Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke', 'Microsoft.AspNetCore.Authorization.AuthorizationMiddleware.Invoke',
    'Microsoft.AspNetCore.Authentication.AuthenticationMiddleware.Invoke', 'Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests',
    'Microsoft.EntityFrameworkCore.Storage.RelationalCommand.ExecuteReaderAsync', 'Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable.AsyncEnumerator.MoveNextAsync',
  ],
};

/** What went wrong, in the words of the members of a group: the member-specific evidence. */
export const REASONS: readonly string[] = [
  'lock held by another node', 'stale lease after failover', 'quota exceeded for tenant', 'certificate expired yesterday',
  'intermediate certificate missing from chain', 'clock skew between nodes', 'proxy strips the authorization header',
  'idle connection closed by firewall', 'pool exhausted by a leaked connection', 'DNS returns the old address',
  'schema version mismatch after upgrade', 'disk full on shared home', 'inode limit reached', 'read-only file system',
  'wrong character encoding in payload', 'cache region evicted during rebuild', 'duplicate key in cluster configuration',
  'backend keepalive shorter than proxy timeout', 'TLS protocol version disabled on the server', 'cipher suite not offered',
  'service account lacks permission', 'token audience does not match', 'replica lag above threshold', 'index segment corrupted',
  'plugin cache from an older version', 'heap too small for attachment extraction', 'thread pool saturated by slow requests',
  'max file descriptors too low', 'port already bound by another process', 'container memory limit below heap size',
  'outbound proxy blocks the host', 'SSL inspection replaces the certificate', 'IPv6 localhost resolution', 'wrong interpreter in virtualenv',
  'peer dependency conflict', 'registry credentials rotated', 'image built for another architecture', 'liveness probe too aggressive',
  'node selector matches no node', 'persistent volume stuck in another zone', 'rate limit of the upstream API', 'webhook secret rotated',
  'mail server requires modern authentication', 'LDAP referral not followed', 'nested group depth exceeded', 'SAML signing certificate rolled over',
  'reverse proxy rewrites the encoded path', 'context path differs between proxy and application', 'session affinity missing on the load balancer',
  'request body larger than the configured limit', 'gzip buffer too small', 'HTTP/2 stream reset by the proxy', 'scheduler runs on two nodes',
  'cron expression in the wrong time zone', 'retries without backoff flood the broker', 'consumer rebalance during long processing',
  'message larger than the broker limit', 'snapshot repository not registered on every node', 'mapping explosion from dynamic fields',
  'background index rebuild still running', 'antivirus locks the temporary files', 'NFS attribute cache delays the lock file',
  'tmp directory mounted noexec', 'locale missing on the host', 'JVM trust store replaced by the package update',
];

export const OPERATIONS: readonly string[] = [
  'acquire', 'renew', 'flush', 'replicate', 'validate', 'deserialize', 'load', 'bind', 'register', 'publish', 'index',
  'migrate', 'synchronize', 'compact', 'export', 'import', 'authenticate', 'resolve', 'schedule', 'render', 'upload', 'decrypt',
  'refresh', 'mount', 'negotiate', 'checkpoint', 'rebalance', 'provision', 'reconcile', 'dispatch',
];

export const OBJECTS: readonly string[] = [
  'lease', 'session', 'segment', 'cache region', 'token', 'channel', 'snapshot', 'manifest', 'schema', 'mailbox', 'webhook',
  'attachment', 'thumbnail', 'keystore', 'trust store', 'descriptor', 'bundle', 'journal', 'checkpoint file', 'queue',
  'directory entry', 'credential', 'license', 'cluster membership', 'search index', 'template', 'workflow scheme', 'topic',
  'connection', 'mirror', 'archive', 'report', 'quota', 'certificate', 'lockfile', 'heap dump', 'plugin', 'partition', 'volume', 'route',
];

/** Roles of the classes in a component; with the component name they make each member's own frames. */
export const ROLES: readonly string[] = [
  'Manager', 'Client', 'Verifier', 'Loader', 'Writer', 'Reader', 'Scheduler', 'Dispatcher', 'Resolver', 'Handler', 'Listener',
  'Provider', 'Factory', 'Service', 'Repository', 'Gateway', 'Coordinator', 'Monitor', 'Importer', 'Exporter',
];

export const TRIGGERS: readonly string[] = [
  'after an upgrade', 'after a restart', 'after moving to a new data center', 'under load', 'after rotating certificates',
  'after adding a second node', 'after a database failover', 'after changing the reverse proxy', 'after a security patch',
  'only on Monday mornings', 'after migrating to containers', 'after enabling single sign-on', 'after a storage migration',
  'when the nightly job runs', 'for users in one region', 'after the trust store was updated',
];

export const SETTINGS: readonly string[] = [
  'timeout', 'max.connections', 'pool.size', 'retry.count', 'cache.ttl', 'lease.duration', 'heartbeat.interval', 'buffer.size',
  'max.body.size', 'keepalive.timeout', 'thread.count', 'batch.size', 'lock.wait', 'validation.interval', 'trust.store', 'protocols',
];

/** Onsets, vowels and codas of made-up component names (`Brivtam`, `Kolmesh`): unique without being random noise. */
export const SYLLABLE_PARTS = {
  onsets: ['b', 'br', 'd', 'dr', 'f', 'g', 'gr', 'h', 'k', 'kl', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'st', 't', 'v'],
  vowels: ['a', 'e', 'i', 'o', 'u', 'ai'],
  codas: ['n', 'm', 'r', 'sh', 'th', 'x', 'l', 'v'],
} as const;

export const NOISE_LOGGERS: readonly string[] = [
  'com.atlassian.plugin.manager.DefaultPluginManager', 'org.apache.catalina.startup.Catalina', 'com.zaxxer.hikari.HikariDataSource',
  'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'org.springframework.scheduling.support.TaskUtils',
  'com.atlassian.cache.ehcache.replication.rmi', 'org.quartz.core.QuartzSchedulerThread', 'io.netty.channel.DefaultChannelPipeline',
];

export const NOISE_MESSAGES: readonly string[] = [
  'Plugin system started in {n} ms', 'Scheduled job {id} completed in {n} ms', 'Cache flushed for region {id}',
  'HikariPool-1 - Pool stats (total={n}, active={n}, idle={n}, waiting=0)', 'Server startup in [{n}] milliseconds',
  'Received heartbeat from {host}', 'Session {uuid} created for user {user}', 'Index queue flushed, {n} items processed',
  'GC pause (G1 Evacuation Pause) {n}ms', 'Accepted connection from {host}:{port}',
];

export const QUESTION_OPENERS: readonly string[] = [
  'how do I fix', 'what causes', 'anyone seen', 'why do we get', 'how to resolve', 'what does it mean when', 'help:', 'is there a fix for',
];
