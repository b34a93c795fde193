/**
 * The domain vocabulary of DOMAIN.md, as plain constant tuples.
 *
 * Every enum is a readonly tuple (for database check constraints and validation) plus a
 * string-literal type (for TypeScript). The server registers each one as a GraphQL enum with
 * the descriptions below; the database checks columns against the same tuples, so the three
 * can never drift apart.
 */

function describe<const T extends readonly string[]>(
  values: T,
  description: string,
  valueDescriptions: { readonly [K in T[number]]: string },
) {
  return { values, description, valueDescriptions } as const;
}

export const OrganizationKind = describe(
  ['UNHCR', 'FLD', 'PD', 'THIRD_PARTY', 'IRCC'] as const,
  'The kind of an organization taking part in the exchange.',
  {
    UNHCR: 'The UN refugee agency: refers HRDs from its global caseload and may take over offered cases.',
    FLD: 'Front Line Defenders: refers HRDs from its own caseload directly to IRCC.',
    PD: 'ProtectDefenders.eu: refers directly, and receives, assesses, sorts and distributes third-party cases.',
    THIRD_PARTY: 'A human-rights organization registered by PD that submits cases to PD only.',
    IRCC: 'Immigration, Refugees and Citizenship Canada: processes referred cases.',
  },
);
export type OrganizationKind = (typeof OrganizationKind.values)[number];

export const Role = describe(
  ['CASEWORKER', 'INTAKE_COORDINATOR', 'REFERRER', 'OFFICER', 'ANALYST', 'ORG_ADMIN'] as const,
  'A role a user holds within their organization.',
  {
    CASEWORKER: 'UNHCR, FLD or PD: creates, assesses, refers, offers and withdraws cases the organization holds.',
    INTAKE_COORDINATOR: 'PD: triages third-party submissions, assesses, sets urgency, distributes or declines.',
    REFERRER: 'A third party: submits cases to PD and follows its own submissions.',
    OFFICER: 'IRCC: processes referred cases (assignment, checks, decisions, information requests).',
    ANALYST: 'IRCC: statistics and non-identifying case facts only.',
    ORG_ADMIN: 'Manages the users of their own organization (a PD admin also registers third parties).',
  },
);
export type Role = (typeof Role.values)[number];

/** Which organization kinds each role may be held in (DOMAIN.md, "Who does what"). */
export const ROLE_ORGANIZATION_KINDS: { readonly [R in Role]: readonly OrganizationKind[] } = {
  CASEWORKER: ['UNHCR', 'FLD', 'PD'],
  INTAKE_COORDINATOR: ['PD'],
  REFERRER: ['THIRD_PARTY'],
  OFFICER: ['IRCC'],
  ANALYST: ['IRCC'],
  ORG_ADMIN: ['UNHCR', 'FLD', 'PD', 'THIRD_PARTY', 'IRCC'],
};

export const CaseStatus = describe(
  [
    'DRAFT',
    'SUBMITTED',
    'IN_TRIAGE',
    'DISTRIBUTED',
    'DECLINED',
    'IN_ASSESSMENT',
    'NOT_ELIGIBLE',
    'READY_TO_REFER',
    'REFERRED',
    'APPROVED',
    'REFUSED',
    'ARRIVED',
    'WITHDRAWN',
  ] as const,
  'Where a case stands on the partner side (DOMAIN.md, "Case status").',
  {
    DRAFT: 'Being written by its custodian.',
    SUBMITTED: 'Submitted by a third party to PD, awaiting intake.',
    IN_TRIAGE: "Accepted into PD's triage.",
    DISTRIBUTED: 'Distributed by PD, awaiting the receiving organization.',
    DECLINED: 'Declined by PD intake; custody stays with the third party.',
    IN_ASSESSMENT: 'The custodian is checking the referral criteria.',
    NOT_ELIGIBLE: 'The criteria are not met; the case will not be referred.',
    READY_TO_REFER: 'Every criterion is MET.',
    REFERRED: 'Referred to IRCC; IRCC processing is under way.',
    APPROVED: 'IRCC approved the case.',
    REFUSED: 'IRCC refused the case.',
    ARRIVED: 'The family has arrived in Canada.',
    WITHDRAWN: 'Withdrawn by its custodian.',
  },
);
export type CaseStatus = (typeof CaseStatus.values)[number];

export const Urgency = describe(
  ['EMERGENCY', 'URGENT', 'NORMAL'] as const,
  'Submission priority. EMERGENCY means a threat to life, liberty or physical safety.',
  {
    EMERGENCY: 'A threat to life, liberty or physical safety: processed first.',
    URGENT: 'Serious risk requiring prompt processing.',
    NORMAL: 'Ordinary priority.',
  },
);
export type Urgency = (typeof Urgency.values)[number];

export const HrdActivity = describe(
  [
    'JOURNALISM',
    'LAND_ENVIRONMENT',
    'WOMENS_RIGHTS',
    'LGBTIQ_RIGHTS',
    'INDIGENOUS_RIGHTS',
    'LABOUR_RIGHTS',
    'ANTI_CORRUPTION',
    'LEGAL_DEFENCE',
    'OTHER',
  ] as const,
  'The human-rights work a defender does.',
  {
    JOURNALISM: 'Journalism and documentation.',
    LAND_ENVIRONMENT: 'Land and environmental rights.',
    WOMENS_RIGHTS: "Women's rights.",
    LGBTIQ_RIGHTS: 'LGBTIQ+ rights.',
    INDIGENOUS_RIGHTS: "Indigenous peoples' rights.",
    LABOUR_RIGHTS: 'Labour rights and trade unions.',
    ANTI_CORRUPTION: 'Anti-corruption work.',
    LEGAL_DEFENCE: 'Legal defence of others.',
    OTHER: 'Other human-rights work.',
  },
);
export type HrdActivity = (typeof HrdActivity.values)[number];

export const PersonRole = describe(
  ['PRINCIPAL', 'SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'OTHER_DEPENDANT'] as const,
  "A person's place on the case. Exactly one PRINCIPAL per case.",
  {
    PRINCIPAL: 'The principal applicant: the defender.',
    SPOUSE: 'Spouse or partner.',
    CHILD: 'Child.',
    PARENT: 'Parent.',
    SIBLING: 'Sibling.',
    OTHER_DEPENDANT: 'Another dependant.',
  },
);
export type PersonRole = (typeof PersonRole.values)[number];

export const Sex = describe(['F', 'M', 'X'] as const, 'Sex as recorded on identity documents.', {
  F: 'Female.',
  M: 'Male.',
  X: 'Unspecified or another sex marker.',
});
export type Sex = (typeof Sex.values)[number];

export const ChargeOutcome = describe(
  ['PENDING', 'CONVICTED', 'ACQUITTED', 'DROPPED'] as const,
  'Where a charge stands.',
  {
    PENDING: 'Not yet decided.',
    CONVICTED: 'A conviction was entered.',
    ACQUITTED: 'Acquitted.',
    DROPPED: 'Dropped.',
  },
);
export type ChargeOutcome = (typeof ChargeOutcome.values)[number];

export const PartnerView = describe(
  ['JUDICIAL_HARASSMENT', 'ORDINARY', 'UNKNOWN'] as const,
  "The partner's view of a charge. A JUDICIAL_HARASSMENT charge must not by itself count against admissibility.",
  {
    JUDICIAL_HARASSMENT: 'An illegitimate charge brought to harass the defender.',
    ORDINARY: 'An ordinary charge.',
    UNKNOWN: 'The partner cannot tell.',
  },
);
export type PartnerView = (typeof PartnerView.values)[number];

export const Criterion = describe(
  ['HRD_TRACK_RECORD', 'AT_RISK', 'REFUGEE_DEFINITION', 'NO_DURABLE_SOLUTION', 'CONSENT', 'FAMILY_VERIFIED'] as const,
  'The criteria a partner checks before any referral to IRCC.',
  {
    HRD_TRACK_RECORD: 'A demonstrable track record as a human rights defender.',
    AT_RISK: 'At risk because of that work, including in the country of asylum.',
    REFUGEE_DEFINITION: 'Outside the country of nationality, having fled persecution, meeting the refugee definition.',
    NO_DURABLE_SOLUTION: 'No durable solution where they are, nor a safe return.',
    CONSENT: 'The principal wants resettlement in Canada and consents to sharing the file with IRCC.',
    FAMILY_VERIFIED: "The case's composition is verified.",
  },
);
export type Criterion = (typeof Criterion.values)[number];

export const CriterionAnswer = describe(['MET', 'NOT_MET', 'UNKNOWN'] as const, 'An answer to one criterion.', {
  MET: 'The criterion is met.',
  NOT_MET: 'The criterion is not met.',
  UNKNOWN: 'Not yet known.',
});
export type CriterionAnswer = (typeof CriterionAnswer.values)[number];

export const SubmissionCategory = describe(
  [
    'LEGAL_PHYSICAL_PROTECTION',
    'SURVIVOR_OF_VIOLENCE_TORTURE',
    'WOMEN_GIRLS_AT_RISK',
    'CHILDREN_AT_RISK',
    'MEDICAL_NEEDS',
    'FAMILY_REUNIFICATION',
    'NO_ALTERNATIVE_DURABLE_SOLUTION',
  ] as const,
  "Resettlement submission categories (UNHCR's list).",
  {
    LEGAL_PHYSICAL_PROTECTION: 'Legal and/or physical protection needs.',
    SURVIVOR_OF_VIOLENCE_TORTURE: 'Survivor of violence and/or torture.',
    WOMEN_GIRLS_AT_RISK: 'Women and girls at risk.',
    CHILDREN_AT_RISK: 'Children and adolescents at risk.',
    MEDICAL_NEEDS: 'Medical needs.',
    FAMILY_REUNIFICATION: 'Family reunification.',
    NO_ALTERNATIVE_DURABLE_SOLUTION: 'Lack of foreseeable alternative durable solutions.',
  },
);
export type SubmissionCategory = (typeof SubmissionCategory.values)[number];

export const TransferKind = describe(
  ['SUBMISSION', 'DISTRIBUTION', 'OFFER', 'RESETTLEMENT_REFERRAL'] as const,
  'How a case moves between organizations.',
  {
    SUBMISSION: 'A third party submits a case to PD.',
    DISTRIBUTION: 'PD distributes a case to FLD, UNHCR or itself.',
    OFFER: 'FLD or PD offers a case to UNHCR.',
    RESETTLEMENT_REFERRAL: 'A partner refers a case to IRCC; custody does not move.',
  },
);
export type TransferKind = (typeof TransferKind.values)[number];

export const TransferStatus = describe(
  ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'] as const,
  'Where a transfer stands.',
  {
    PENDING: 'Awaiting the receiver.',
    ACCEPTED: 'Accepted by the receiver.',
    DECLINED: 'Declined by the receiver, with a reason.',
    WITHDRAWN: 'Withdrawn by the sender.',
  },
);
export type TransferStatus = (typeof TransferStatus.values)[number];

export const ImmigrationStage = describe(
  [
    'RECEIVED',
    'ELIGIBILITY_REVIEW',
    'INTERVIEW',
    'ADMISSIBILITY',
    'DECISION',
    'APPROVED',
    'TRAVEL',
    'ARRIVED',
    'REFUSED',
  ] as const,
  "IRCC's processing stages of a referred case (Government-Assisted Refugees).",
  {
    RECEIVED: 'Referral acknowledged; the file is open.',
    ELIGIBILITY_REVIEW: 'Eligibility is being reviewed.',
    INTERVIEW: 'Interview scheduled or held.',
    ADMISSIBILITY: 'Medical, security and criminality checks.',
    DECISION: 'Awaiting the decision.',
    APPROVED: 'Approved.',
    TRAVEL: 'Travel being arranged.',
    ARRIVED: 'Arrived in Canada.',
    REFUSED: 'Refused.',
  },
);
export type ImmigrationStage = (typeof ImmigrationStage.values)[number];

export const CheckKind = describe(
  ['ELIGIBILITY', 'MEDICAL', 'SECURITY', 'CRIMINALITY'] as const,
  'A check IRCC records on a file.',
  {
    ELIGIBILITY: 'Eligibility under the GAR process.',
    MEDICAL: 'Medical admissibility.',
    SECURITY: 'Security admissibility.',
    CRIMINALITY: 'Criminality admissibility (taking judicial harassment into account).',
  },
);
export type CheckKind = (typeof CheckKind.values)[number];

export const CheckResult = describe(['PENDING', 'PASSED', 'FAILED'] as const, 'The result of a check.', {
  PENDING: 'Not yet complete.',
  PASSED: 'Passed.',
  FAILED: 'Failed.',
});
export type CheckResult = (typeof CheckResult.values)[number];

export const DecisionOutcome = describe(['APPROVED', 'REFUSED'] as const, "IRCC's decision on a file.", {
  APPROVED: 'Approved for resettlement.',
  REFUSED: 'Refused.',
});
export type DecisionOutcome = (typeof DecisionOutcome.values)[number];

export const InformationRequestStatus = describe(
  ['OPEN', 'ANSWERED'] as const,
  'Where an information request stands.',
  {
    OPEN: 'Awaiting the custodian partner; the file is deferred meanwhile.',
    ANSWERED: 'Answered by the custodian partner.',
  },
);
export type InformationRequestStatus = (typeof InformationRequestStatus.values)[number];

export const AuditOutcome = describe(['ALLOWED', 'DENIED'] as const, 'Whether an audited access was allowed.', {
  ALLOWED: 'The access was allowed.',
  DENIED: 'The access was denied.',
});
export type AuditOutcome = (typeof AuditOutcome.values)[number];

/** Every enum of the vocabulary, by its GraphQL name. */
export const ENUMS = {
  OrganizationKind,
  Role,
  CaseStatus,
  Urgency,
  HrdActivity,
  PersonRole,
  Sex,
  ChargeOutcome,
  PartnerView,
  Criterion,
  CriterionAnswer,
  SubmissionCategory,
  TransferKind,
  TransferStatus,
  ImmigrationStage,
  CheckKind,
  CheckResult,
  DecisionOutcome,
  InformationRequestStatus,
  AuditOutcome,
} as const;
