import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Which database driver this project's tests run on. */
    driver: 'pglite' | 'postgres';
    /** pglite: a migrated PGlite data directory dump, restored per test file. */
    pgliteTemplate: string;
    /** postgres: superuser URL of the throwaway cluster. */
    postgresUrl: string;
    /** postgres: the migrated template database that each test file copies. */
    postgresTemplate: string;
  }
}
