/**
 * A test server on a pool of its own that logs, in order, each statement the driver sends
 * (`sent <text>`, the text squeezed and cut to `width` characters) and each answer (`answered`):
 * for tests that hold which statements share a round trip (PostgreSQL only).
 */
import { openDatabase } from '@hrd/server';
import { startTestServer, type TestServer } from './server.js';

export interface WireLoggedServer {
  readonly server: TestServer;
  /** The log since the last `events.length = 0`. */
  readonly events: string[];
  close(): Promise<void>;
}

export async function startWireLoggedServer(databaseUrl: string | undefined, width: number): Promise<WireLoggedServer> {
  const events: string[] = [];
  const handle = await openDatabase({
    databaseUrl,
    poolMax: 2,
    onWireQuery: (text) => events.push(`sent ${text.replace(/\s+/g, ' ').trim().slice(0, width)}`),
  });
  handle.stats.onQuery(() => events.push('answered'));
  const server = await startTestServer(handle);
  return {
    server,
    events,
    close: async () => {
      await server.close();
      await handle.close();
    },
  };
}
