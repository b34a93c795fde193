/**
 * The partner-side case status machine (DOMAIN.md, "Case status"), as data. The server refuses
 * any other move with INVALID_TRANSITION naming the current status and these allowed moves.
 */
import type { CaseStatus, CheckKind, ImmigrationStage } from './enums.js';

export const CASE_TRANSITIONS: { readonly [S in CaseStatus]: readonly CaseStatus[] } = {
  DRAFT: ['IN_ASSESSMENT', 'SUBMITTED'],
  // DRAFT: the third party withdraws its submission before PD decides (withdrawTransfer).
  SUBMITTED: ['IN_TRIAGE', 'DECLINED', 'DRAFT'],
  IN_TRIAGE: ['DISTRIBUTED'],
  DISTRIBUTED: ['IN_ASSESSMENT', 'IN_TRIAGE'],
  DECLINED: [],
  IN_ASSESSMENT: ['READY_TO_REFER', 'NOT_ELIGIBLE'],
  NOT_ELIGIBLE: [],
  READY_TO_REFER: ['REFERRED', 'IN_ASSESSMENT', 'WITHDRAWN'],
  REFERRED: ['APPROVED', 'REFUSED', 'WITHDRAWN'],
  APPROVED: ['ARRIVED'],
  REFUSED: [],
  ARRIVED: [],
  WITHDRAWN: [],
};

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/** Statuses in which the custodian may edit the case file, its persons and its charges. */
export const EDITABLE_STATUSES: readonly CaseStatus[] = ['DRAFT', 'IN_ASSESSMENT', 'READY_TO_REFER', 'IN_TRIAGE'];

/** Statuses in which the criteria assessment may be recorded. */
export const ASSESSABLE_STATUSES: readonly CaseStatus[] = ['DRAFT', 'IN_ASSESSMENT', 'READY_TO_REFER', 'IN_TRIAGE'];

/**
 * IRCC's processing stages (DOMAIN.md, "IRCC stages"), as data. `advanceStage` makes the moves
 * marked here; the decision (DECISION → APPROVED | REFUSED) and the arrival (TRAVEL → ARRIVED)
 * have their own mutations, because they carry more than a stage.
 */
export const IMMIGRATION_STAGE_TRANSITIONS: { readonly [S in ImmigrationStage]: readonly ImmigrationStage[] } = {
  RECEIVED: ['ELIGIBILITY_REVIEW'],
  ELIGIBILITY_REVIEW: ['INTERVIEW'],
  INTERVIEW: ['ADMISSIBILITY'],
  ADMISSIBILITY: ['DECISION'],
  DECISION: ['APPROVED', 'REFUSED'],
  APPROVED: ['TRAVEL'],
  TRAVEL: ['ARRIVED'],
  ARRIVED: [],
  REFUSED: [],
};

/** The stages only `recordDecision` or `recordArrival` reach. */
export const DECIDED_STAGES: readonly ImmigrationStage[] = ['APPROVED', 'REFUSED', 'ARRIVED'];

/** The checks that must have a result (PASSED or FAILED) before ADMISSIBILITY completes. */
export const ADMISSIBILITY_CHECKS: readonly CheckKind[] = ['MEDICAL', 'SECURITY', 'CRIMINALITY'];

export function canMoveStage(from: ImmigrationStage, to: ImmigrationStage): boolean {
  return IMMIGRATION_STAGE_TRANSITIONS[from].includes(to);
}
