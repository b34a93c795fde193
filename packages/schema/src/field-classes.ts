/**
 * Which field class (ACCESS.md) each part of the GraphQL API carries, in one place. The key is
 * `Type.field` for a field or an input field, or `Type` for a whole type. A caller's schema (what
 * introspection and validation show them) leaves out every entry whose class none of the caller's
 * roles can ever read per case (`everReads`), and, with it, every field that returns, or takes an
 * argument of, a left-out type. Every field of `Case` and `ImmigrationFile` is listed, so that a
 * new case field cannot appear without a class (a test checks this against the schema).
 */
import type { FieldClass } from './access.js';

export const FIELD_CLASSES: Readonly<Record<string, FieldClass>> = {
  // The case: META unless listed otherwise.
  'Case.id': 'META',
  'Case.status': 'META',
  'Case.urgency': 'META',
  'Case.size': 'META',
  'Case.version': 'META',
  'Case.viewerRelation': 'META',
  'Case.custodian': 'META',
  'Case.origin': 'META',
  'Case.transfers': 'META',
  'Case.activities': 'META',
  'Case.createdAt': 'META',
  'Case.updatedAt': 'META',
  'Case.immigrationFile': 'META',
  // The reference, and every way of finding a case by it (issue #7).
  'Case.reference': 'REFERENCE',
  'Query.caseByReference': 'REFERENCE',
  'CaseFilter.referencePrefix': 'REFERENCE',
  'Notification.caseReference': 'REFERENCE',
  // Quasi-identifiers, and the filter that would reveal them.
  'Case.countryOfNationality': 'QUASI',
  'Case.countryOfAsylum': 'QUASI',
  'CaseFilter.countryOfAsylum': 'QUASI',
  // Identity: the people, the profile, and the inputs that write them.
  'Case.persons': 'IDENTITY',
  'Case.hrdProfile': 'IDENTITY',
  'Case.inHiding': 'IDENTITY',
  Person: 'IDENTITY',
  HrdProfile: 'IDENTITY',
  PersonInput: 'IDENTITY',
  PersonPatch: 'IDENTITY',
  CreateCaseInput: 'IDENTITY',
  UpdateCaseInput: 'IDENTITY',
  // Charges.
  'Case.charges': 'CHARGES',
  Charge: 'CHARGES',
  ChargeInput: 'CHARGES',
  ChargePatch: 'CHARGES',
  // The assessment.
  'Case.assessment': 'ASSESSMENT',
  Assessment: 'ASSESSMENT',
  CriterionAssessment: 'ASSESSMENT',
  AssessmentInput: 'ASSESSMENT',
  CriterionAnswerInput: 'ASSESSMENT',
  // Secrets.
  'Case.location': 'SECRET',
  'Case.safeContact': 'SECRET',
  // IRCC's processing: stage and outcome are META, the rest is internal.
  'ImmigrationFile.stage': 'META',
  'ImmigrationFile.decisionOutcome': 'META',
  'ImmigrationFile.fileNumber': 'IRCC_INTERNAL',
  'ImmigrationFile.expedited': 'IRCC_INTERNAL',
  'ImmigrationFile.assignedOfficer': 'IRCC_INTERNAL',
  'ImmigrationFile.checks': 'IRCC_INTERNAL',
  'ImmigrationFile.decisionReasons': 'IRCC_INTERNAL',
  'ImmigrationFile.interviewAt': 'IRCC_INTERNAL',
  'ImmigrationFile.arrivedAt': 'IRCC_INTERNAL',
  'ImmigrationFile.deferred': 'META',
  'ImmigrationFile.version': 'IRCC_INTERNAL',
  'ImmigrationFile.decidedBy': 'IRCC_INTERNAL',
  'ImmigrationFile.decidedAt': 'IRCC_INTERNAL',
  'ImmigrationFile.citedChargeIds': 'IRCC_INTERNAL',
  'ImmigrationFile.overrideNote': 'IRCC_INTERNAL',
  'ImmigrationFile.approvalWouldPassCap': 'IRCC_INTERNAL',
  // Information requests are read by officers and by the custodian; which officer asked stays at IRCC.
  'InformationRequest.askedBy': 'IRCC_INTERNAL',
  Officer: 'IRCC_INTERNAL',
  ImmigrationCheck: 'IRCC_INTERNAL',
};

/** The types whose every field must have an entry above. */
export const FULLY_CLASSIFIED_TYPES = ['Case', 'ImmigrationFile'] as const;
