/**
 * GraphiQL, served by the server itself at /graphiql to signed-in users (bundled here: no CDN,
 * no outside network). It talks to /graphql on the same origin with the portal's session cookie;
 * an analyst's script token works too, pasted in the headers pane:
 * `{ "Authorization": "Bearer hrd_pat_…" }`. Introspection shows the caller's own schema.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const fetcher = createGraphiQLFetcher({
  url: new URL('/graphql', window.location.href).toString(),
  fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
});

const DEFAULT_QUERY = `# Analysts: per-case rows carry META only (no reference, no countries, no names).
# Saved examples: docs/analyst-queries.graphql in the repository.
query RecentReferrals {
  cases(first: 20, filter: { status: [REFERRED, APPROVED, REFUSED, ARRIVED] }) {
    totalCount
    edges { node { id status urgency size createdAt immigrationFile { stage decisionOutcome } } }
  }
}
`;

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
    </StrictMode>,
  );
}
