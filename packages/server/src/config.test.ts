import { describe, expect, it } from 'vitest';
import { benchLayers, ConfigError, loadConfig, requireServerSecrets } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database in ./.data on port 4000, in demo mode', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.demo).toBe(true);
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.shutdownDelayMs).toBe(1_000);
  });

  it('takes SHUTDOWN_DELAY_MS from 0 up, and nothing else', () => {
    expect(loadConfig({ SHUTDOWN_DELAY_MS: '0' }).shutdownDelayMs).toBe(0);
    expect(() => loadConfig({ SHUTDOWN_DELAY_MS: '-5' })).toThrow(
      new ConfigError('Invalid configuration: SHUTDOWN_DELAY_MS must be a whole number from 0 (milliseconds)'),
    );
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, and is then not in demo mode', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:pw@db.internal:5432/hrd',
      PORT: '8080',
      SESSION_SECRET: 'x'.repeat(32),
    });
    expect(config.databaseUrl).toBe('postgres://app:pw@db.internal:5432/hrd');
    expect(config.port).toBe(8080);
    expect(config.demo).toBe(false);
  });

  it.each([
    ['abc', 'PORT must be a whole number from 0 to 65535'],
    ['70000', 'PORT must be a whole number from 0 to 65535'],
    ['-1', 'PORT must be a whole number from 0 to 65535'],
    ['80.5', 'PORT must be a whole number from 0 to 65535'],
  ])('rejects PORT=%s with one clear line', (value, message) => {
    expect(() => loadConfig({ PORT: value })).toThrow(new ConfigError(`Invalid configuration: ${message}`));
  });

  it.each(['mysql://root:hunter2@db/hrd', 'not a url with hunter2', 'postgres://', 'http://hunter2@localhost/x'])(
    'rejects DATABASE_URL=%s without echoing it',
    (value) => {
      let message = '';
      try {
        loadConfig({ DATABASE_URL: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(
        'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL with a host (value not shown)',
      );
      expect(message).not.toContain('hunter2');
      expect(message.split('\n')).toHaveLength(1);
    },
  );

  it('reads the statistics settings: a threshold of 2 to 100 (default 5), a replica only beside a primary', () => {
    expect(loadConfig({}).statisticsSuppressionThreshold).toBe(5);
    expect(loadConfig({ STATISTICS_SUPPRESSION_THRESHOLD: '10' }).statisticsSuppressionThreshold).toBe(10);
    for (const value of ['1', '0', 'five', '2.5', '101']) {
      expect(() => loadConfig({ STATISTICS_SUPPRESSION_THRESHOLD: value })).toThrow(
        'Invalid configuration: STATISTICS_SUPPRESSION_THRESHOLD must be a whole number from 2 to 100 (cases)',
      );
    }
    const replica = 'postgres://reader:hunter2@replica.internal/hrd';
    expect(() => loadConfig({ ANALYTICS_DATABASE_URL: replica })).toThrow(
      'Invalid configuration: ANALYTICS_DATABASE_URL (a read replica) needs DATABASE_URL (its primary)',
    );
    const config = loadConfig({
      DATABASE_URL: 'postgres://db.internal/hrd',
      SESSION_SECRET: 'x'.repeat(32),
      ANALYTICS_DATABASE_URL: replica,
    });
    expect(config.analyticsDatabaseUrl).toBe(replica);
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://db.internal/hrd', ANALYTICS_DATABASE_URL: 'mysql://x' }),
    ).toThrow(
      'Invalid configuration: ANALYTICS_DATABASE_URL must be a postgres:// or postgresql:// URL with a host (value not shown)',
    );
  });

  it('requires SESSION_SECRET and MASTER_KEYS for a server on PostgreSQL, without echoing them', () => {
    expect(() => requireServerSecrets(loadConfig({ DATABASE_URL: 'postgres://db.internal/hrd' }))).toThrow(
      'Invalid configuration: SESSION_SECRET is required with DATABASE_URL (at least 32 characters)',
    );
    expect(() =>
      requireServerSecrets(loadConfig({ DATABASE_URL: 'postgres://db.internal/hrd', SESSION_SECRET: 'y'.repeat(32) })),
    ).toThrow('Invalid configuration: MASTER_KEYS is required with DATABASE_URL');
    expect(() => loadConfig({ MASTER_KEYS: 'k1:c2hvcnQ=' })).toThrow(
      'Invalid configuration: MASTER_KEYS must be id:base64-of-32-bytes[,id:...] (value not shown)',
    );
    expect(() => requireServerSecrets(loadConfig({}))).not.toThrow();
    expect(() => loadConfig({ SESSION_SECRET: 'short-secret-value' })).toThrow(
      'Invalid configuration: SESSION_SECRET must be at least 32 characters (value not shown)',
    );
  });

  it('resolves a relative DATA_DIR from where pnpm was started (INIT_CWD), an absolute one as given', () => {
    expect(loadConfig({ INIT_CWD: '/srv/hrd', DATA_DIR: './.data' }).dataDir).toBe('/srv/hrd/.data');
    expect(loadConfig({ INIT_CWD: '/srv/hrd', DATA_DIR: '/var/lib/hrd' }).dataDir).toBe('/var/lib/hrd');
  });

  it('rejects an unknown LOG_LEVEL and NODE_ENV', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^Invalid configuration: LOG_LEVEL /);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/^Invalid configuration: NODE_ENV /);
  });

  it('never switches a security layer off from the environment (benchmarks do it in code only)', () => {
    expect(loadConfig({}).benchDisable.size).toBe(0);
    // The variable of an earlier version, and the NODE_ENV that honoured it, switch nothing off.
    expect(loadConfig({ HRD_BENCH_DISABLE: 'rls,audit,limits' }).benchDisable.size).toBe(0);
    expect(() => loadConfig({ NODE_ENV: 'benchmark' })).toThrow(/^Invalid configuration: NODE_ENV /);
    expect([...benchLayers('rls, audit')]).toEqual(['rls', 'audit']);
    expect(benchLayers(undefined).size).toBe(0);
    expect(() => benchLayers('policy')).toThrow(/rls, audit, limits only/);
  });

  it('turns metrics on with METRICS_TOKEN (32+ visible characters, never echoed) or METRICS_PORT; off by default', () => {
    const off = loadConfig({});
    expect([off.metricsToken, off.metricsPort, off.metricsHost]).toEqual([undefined, undefined, '127.0.0.1']);
    const token = 'm'.repeat(40);
    expect(loadConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(loadConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    for (const bad of ['hunter2-too-short', `${'h'.repeat(30)} hunter2 with spaces`]) {
      let message = '';
      try {
        loadConfig({ METRICS_TOKEN: bad });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(
        'Invalid configuration: METRICS_TOKEN must be at least 32 visible ASCII characters, no spaces (value not shown)',
      );
      expect(message).not.toContain('hunter2');
    }
    const listener = loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' });
    expect([listener.metricsPort, listener.metricsHost]).toEqual([9464, '10.0.0.5']);
    expect(loadConfig({ METRICS_PORT: '0' }).metricsPort).toBe(0);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(
      'Invalid configuration: METRICS_PORT must be a whole number from 0 to 65535',
    );
    expect(() => loadConfig({ METRICS_PORT: '4000' })).toThrow(
      'Invalid configuration: METRICS_PORT must differ from PORT (metrics have a listener of their own)',
    );
  });
});
