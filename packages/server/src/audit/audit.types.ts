/**
 * The audit trail's types: what a service records (`AuditEventInput`), the chain's head (kept
 * outside the database by operators) and the outcome of a verification.
 */

/** One audit event as a service records it: who did what to which cases and field classes. */
export interface AuditEventInput {
  /** What was attempted, e.g. 'case.read', 'auth.login_failed', 'case.update'. */
  action: string;
  outcome: 'ALLOWED' | 'DENIED';
  actorId: string | null;
  organizationId: string | null;
  caseIds?: readonly string[];
  /** Field classes or field names touched, never their values. */
  fields?: readonly string[];
  requestId?: string | null;
  /** Non-sensitive detail (a stated purpose, an error code); stored as jsonb. */
  detail?: Record<string, unknown>;
  /** When it happened; defaults to now. Millisecond precision (a JS Date) is what is stored. */
  at?: Date;
}

/** The newest link of the chain: seq 0 and `GENESIS_HASH` for an empty chain. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** Every column of an audit row that its hash covers, except `prev_hash` (chained separately). */
export interface AuditChainRow {
  seq: number;
  at: Date;
  actorId: string | null;
  organizationId: string | null;
  action: string;
  caseIds: readonly string[];
  fields: readonly string[];
  outcome: 'ALLOWED' | 'DENIED';
  requestId: string | null;
  detail: Record<string, unknown>;
}

/** The first broken link of a chain: the row at which verification fails, and why. */
export interface AuditBreak {
  seq: number;
  reason: string;
}

export interface AuditVerification {
  /** True when every link holds (and the expected head, if given, is present and unchanged). */
  ok: boolean;
  /** How many rows the table holds (all of them were read). */
  events: number;
  /** The newest row as stored (seq 0 and the genesis hash for an empty table). */
  head: AuditHead;
  /** The first broken link, when `ok` is false. */
  broken?: AuditBreak;
}

export interface VerifyAuditChainOptions {
  /**
   * A head recorded earlier, outside the database: its row must still exist with that hash.
   * This is what detects the deletion (or rewriting) of the newest rows.
   */
  expectedHead?: AuditHead;
  /** Rows read per query (keyset pagination by seq); 5,000 by default. */
  batchSize?: number;
}
