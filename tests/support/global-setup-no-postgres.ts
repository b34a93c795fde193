/** In CI, a missing PostgreSQL server is a failure, never a silent skip. */
import { findPostgresBinaries } from './pg-cluster.js';

export default function setup() {
  const found = findPostgresBinaries();
  if ('missing' in found) throw new Error(`Cannot run the PostgreSQL test project: ${found.missing}`);
}
