/**
 * GraphQL Code Generator: types every operation and fragment written with `graphql()` in `src/`
 * from the committed API schema, into `src/gql/` (committed; `pnpm codegen:check` fails on drift).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      // The documents as Apollo Client sends them (with __typename), so that the persisted text the
      // server runs answers exactly what the client's cache expects.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        // Colocated fragments are masked: a component reads only the fields its own fragment asks for.
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
        // Every operation gets a hash and lands in persisted-documents.json: the server's allowlist
        // of the portal's operations, which the portal sends by hash (app/apollo.ts).
        persistedDocuments: { mode: 'embedHashInDocument', hashPropertyName: 'hash', hashAlgorithm: 'sha256' },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string' },
        strictScalars: true,
        avoidOptionals: false,
      },
    },
  },
};

export default config;
