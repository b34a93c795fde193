/** The tamper-evident audit trail: append events, read the head, verify the chain. */
export { AUDIT_CHAIN_LOCK_KEY, appendAuditEvents, sendAuditAppend } from './append.js';
export type {
  AuditBreak,
  AuditChainRow,
  AuditEventInput,
  AuditHead,
  AuditVerification,
  VerifyAuditChainOptions,
} from './audit.types.js';
export { canonicalJson, GENESIS_HASH, hashAuditRow } from './chain.js';
export { readAuditHead, verifyAuditChain } from './verify.js';
