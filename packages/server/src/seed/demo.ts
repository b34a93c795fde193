/**
 * The demo data set: the organizations and sign-ins of API.md, the annual caps, and a few dozen
 * synthetic cases in every status and stage, held by every partner, with transfers of every
 * kind. Deterministic and idempotent: a second run inserts nothing and changes nothing.
 */
import type {
  CaseStatus,
  ChargeOutcome,
  Criterion,
  CriterionAnswer,
  ImmigrationStage,
  OrganizationKind,
  PartnerView,
  PersonRole,
  Role,
  SubmissionCategory,
  TransferKind,
  TransferStatus,
  Urgency,
} from '@hrd/schema';
import { SubmissionCategory as CategoryEnum, Criterion as CriterionEnum, HrdActivity } from '@hrd/schema';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/client.js';
import * as t from '../db/schema.js';
import { encryptField, type Keyring, newDataKey } from '../secrets/keyring.js';
import {
  ASYLUM_COUNTRIES,
  addDays,
  FAMILY_NAMES,
  GIVEN_NAMES,
  NATIONALITIES,
  pick,
  pickSome,
  prng,
  seedUuid,
} from './factories.js';

type OrgKey = 'UNHCR' | 'FLD' | 'PD' | 'IRCC' | 'CSN';

export const DEMO_ORGANIZATIONS: Record<OrgKey, { name: string; kind: OrganizationKind; prefix: string }> = {
  UNHCR: { name: 'UNHCR', kind: 'UNHCR', prefix: 'UNHCR' },
  FLD: { name: 'Front Line Defenders', kind: 'FLD', prefix: 'FLD' },
  PD: { name: 'ProtectDefenders.eu', kind: 'PD', prefix: 'PD' },
  IRCC: { name: 'Immigration, Refugees and Citizenship Canada', kind: 'IRCC', prefix: 'IRCC' },
  CSN: { name: 'Civic Shield Network', kind: 'THIRD_PARTY', prefix: 'CSN' },
};

/** The password of every demo sign-in (API.md). Demo data only: production seeds no users. */
export const DEMO_PASSWORD = 'hrd-demo-2026';

/** The demo sign-ins of API.md: each holds exactly the one role its name says. */
export const DEMO_USERS: ReadonlyArray<{ email: string; org: OrgKey; role: Role; displayName: string }> = [
  { email: 'caseworker@unhcr.demo', org: 'UNHCR', role: 'CASEWORKER', displayName: 'UNHCR Caseworker (demo)' },
  { email: 'caseworker@fld.demo', org: 'FLD', role: 'CASEWORKER', displayName: 'FLD Caseworker (demo)' },
  { email: 'caseworker@pd.demo', org: 'PD', role: 'CASEWORKER', displayName: 'PD Caseworker (demo)' },
  { email: 'intake@pd.demo', org: 'PD', role: 'INTAKE_COORDINATOR', displayName: 'PD Intake Coordinator (demo)' },
  { email: 'admin@pd.demo', org: 'PD', role: 'ORG_ADMIN', displayName: 'PD Administrator (demo)' },
  { email: 'referrer@civicshield.demo', org: 'CSN', role: 'REFERRER', displayName: 'Civic Shield Referrer (demo)' },
  { email: 'officer@ircc.demo', org: 'IRCC', role: 'OFFICER', displayName: 'IRCC Officer One (demo)' },
  { email: 'officer2@ircc.demo', org: 'IRCC', role: 'OFFICER', displayName: 'IRCC Officer Two (demo)' },
  { email: 'analyst@ircc.demo', org: 'IRCC', role: 'ANALYST', displayName: 'IRCC Analyst (demo)' },
];

/** The stream's cap: 250 persons a year when it opened (2021), 500 from 2023; FLD's share 125. */
export const QUOTAS: ReadonlyArray<{ year: number; personCap: number }> = [
  { year: 2021, personCap: 250 },
  { year: 2022, personCap: 250 },
  ...[2023, 2024, 2025, 2026, 2027].map((year) => ({ year, personCap: 500 })),
];
export const FLD_TARGET = 125;

export const orgId = (key: OrgKey) => seedUuid(`org:${key}`);
export const userId = (email: string) => seedUuid(`user:${email}`);
export const OFFICERS = [userId('officer@ircc.demo'), userId('officer2@ircc.demo')] as const;

interface TransferSpec {
  kind: TransferKind;
  from: OrgKey;
  to: OrgKey;
  status: TransferStatus;
  reason?: string;
}
interface FileSpec {
  stage: ImmigrationStage;
  officer?: 0 | 1;
  openRequest?: boolean;
}
export interface Scenario {
  origin: OrgKey;
  custodian: OrgKey;
  status: CaseStatus;
  assessment?: 'partial' | 'met' | 'not_met';
  transfers?: TransferSpec[];
  file?: FileSpec;
}

const referral = (from: OrgKey, status: TransferStatus = 'ACCEPTED'): TransferSpec => ({
  kind: 'RESETTLEMENT_REFERRAL',
  from,
  to: 'IRCC',
  status,
});

function partnerScenarios(p: 'UNHCR' | 'FLD' | 'PD'): Scenario[] {
  const base = { origin: p, custodian: p } as const;
  const referred = (file: FileSpec, status: CaseStatus = 'REFERRED'): Scenario => ({
    ...base,
    status,
    assessment: 'met',
    transfers: [referral(p)],
    file,
  });
  return [
    { ...base, status: 'DRAFT' },
    { ...base, status: 'IN_ASSESSMENT', assessment: 'partial' },
    { ...base, status: 'NOT_ELIGIBLE', assessment: 'not_met' },
    { ...base, status: 'READY_TO_REFER', assessment: 'met' },
    { ...base, status: 'REFERRED', assessment: 'met', transfers: [referral(p, 'PENDING')] },
    referred({ stage: 'RECEIVED' }),
    referred({ stage: 'ELIGIBILITY_REVIEW', officer: 0, openRequest: true }),
    referred({ stage: 'INTERVIEW', officer: 1 }),
    referred({ stage: 'ADMISSIBILITY', officer: 0 }),
    referred({ stage: 'DECISION', officer: 1 }),
    referred({ stage: 'APPROVED', officer: 0 }, 'APPROVED'),
    referred({ stage: 'TRAVEL', officer: 1 }, 'APPROVED'),
    referred({ stage: 'ARRIVED', officer: 0 }, 'ARRIVED'),
    referred({ stage: 'REFUSED', officer: 1 }, 'REFUSED'),
    // Withdrawn from READY_TO_REFER: every criterion was MET.
    { ...base, status: 'WITHDRAWN', assessment: 'met' },
  ];
}

const submission = (status: TransferStatus, reason?: string): TransferSpec => ({
  kind: 'SUBMISSION',
  from: 'CSN',
  to: 'PD',
  status,
  ...(reason ? { reason } : {}),
});
const distribution = (to: OrgKey, status: TransferStatus, reason?: string): TransferSpec => ({
  kind: 'DISTRIBUTION',
  from: 'PD',
  to,
  status,
  ...(reason ? { reason } : {}),
});
const offer = (from: OrgKey, status: TransferStatus, reason?: string): TransferSpec => ({
  kind: 'OFFER',
  from,
  to: 'UNHCR',
  status,
  ...(reason ? { reason } : {}),
});

export const SCENARIOS: readonly Scenario[] = [
  ...partnerScenarios('UNHCR'),
  ...partnerScenarios('FLD'),
  ...partnerScenarios('PD'),
  // A third party's submissions, PD's intake and redistribution.
  { origin: 'CSN', custodian: 'CSN', status: 'DRAFT' },
  { origin: 'CSN', custodian: 'CSN', status: 'SUBMITTED', transfers: [submission('PENDING')] },
  { origin: 'CSN', custodian: 'CSN', status: 'SUBMITTED', transfers: [submission('PENDING')] },
  {
    origin: 'CSN',
    custodian: 'CSN',
    status: 'DECLINED',
    transfers: [submission('DECLINED', 'Outside the mandate: not linked to human-rights work (demo).')],
  },
  { origin: 'CSN', custodian: 'PD', status: 'IN_TRIAGE', assessment: 'partial', transfers: [submission('ACCEPTED')] },
  {
    origin: 'CSN',
    custodian: 'PD',
    status: 'DISTRIBUTED',
    assessment: 'met',
    transfers: [submission('ACCEPTED'), distribution('FLD', 'PENDING')],
  },
  {
    origin: 'CSN',
    custodian: 'PD',
    status: 'DISTRIBUTED',
    assessment: 'met',
    transfers: [submission('ACCEPTED'), distribution('UNHCR', 'PENDING')],
  },
  {
    origin: 'CSN',
    custodian: 'FLD',
    status: 'IN_ASSESSMENT',
    assessment: 'partial',
    transfers: [submission('ACCEPTED'), distribution('FLD', 'ACCEPTED')],
  },
  {
    origin: 'CSN',
    custodian: 'UNHCR',
    status: 'IN_ASSESSMENT',
    assessment: 'partial',
    transfers: [submission('ACCEPTED'), distribution('UNHCR', 'ACCEPTED')],
  },
  {
    origin: 'CSN',
    custodian: 'PD',
    status: 'READY_TO_REFER',
    assessment: 'met',
    transfers: [submission('ACCEPTED'), distribution('PD', 'ACCEPTED')],
  },
  {
    origin: 'CSN',
    custodian: 'PD',
    status: 'IN_TRIAGE',
    assessment: 'partial',
    transfers: [
      submission('ACCEPTED'),
      distribution('UNHCR', 'DECLINED', 'No capacity in the region this quarter (demo).'),
    ],
  },
  {
    origin: 'CSN',
    custodian: 'FLD',
    status: 'REFERRED',
    assessment: 'met',
    transfers: [submission('ACCEPTED'), distribution('FLD', 'ACCEPTED'), referral('FLD')],
    file: { stage: 'ELIGIBILITY_REVIEW', officer: 1 },
  },
  // Refused by IRCC and offered on, so that the partner can refer the case elsewhere.
  {
    origin: 'FLD',
    custodian: 'FLD',
    status: 'REFUSED',
    assessment: 'met',
    transfers: [referral('FLD'), offer('FLD', 'PENDING')],
    file: { stage: 'REFUSED', officer: 0 },
  },
  {
    origin: 'FLD',
    custodian: 'UNHCR',
    status: 'REFUSED',
    assessment: 'met',
    transfers: [referral('FLD'), offer('FLD', 'ACCEPTED')],
    file: { stage: 'REFUSED', officer: 1 },
  },
  // Offers to UNHCR from FLD's and PD's inventories.
  {
    origin: 'FLD',
    custodian: 'FLD',
    status: 'IN_ASSESSMENT',
    assessment: 'partial',
    transfers: [offer('FLD', 'PENDING')],
  },
  {
    origin: 'FLD',
    custodian: 'UNHCR',
    status: 'IN_ASSESSMENT',
    assessment: 'partial',
    transfers: [offer('FLD', 'ACCEPTED')],
  },
  {
    origin: 'PD',
    custodian: 'PD',
    status: 'READY_TO_REFER',
    assessment: 'met',
    transfers: [offer('PD', 'DECLINED', 'The family is outside UNHCR operations (demo).')],
  },
  {
    origin: 'PD',
    custodian: 'PD',
    status: 'IN_ASSESSMENT',
    assessment: 'partial',
    transfers: [offer('PD', 'WITHDRAWN')],
  },
];

const STAGE_ORDER: readonly ImmigrationStage[] = [
  'RECEIVED',
  'ELIGIBILITY_REVIEW',
  'INTERVIEW',
  'ADMISSIBILITY',
  'DECISION',
  'APPROVED',
  'TRAVEL',
  'ARRIVED',
];
const reached = (stage: ImmigrationStage, at: ImmigrationStage) =>
  stage === 'REFUSED'
    ? at !== 'APPROVED' && at !== 'TRAVEL' && at !== 'ARRIVED'
    : STAGE_ORDER.indexOf(stage) >= STAGE_ORDER.indexOf(at);

const FAMILY_ROLES: readonly PersonRole[] = ['SPOUSE', 'CHILD', 'CHILD', 'PARENT', 'SIBLING', 'OTHER_DEPENDANT'];
const DEMO_EPOCH = new Date('2025-02-03T09:00:00Z');

export interface SeedResult {
  organizations: number;
  users: number;
  cases: number;
}

/** Seeds the demo data set in one transaction. Safe to run any number of times. */
export async function seedDemo(db: Database, options: { keyring?: Keyring } = {}): Promise<SeedResult> {
  // One argon2id hash for every demo user (hashing is deliberately slow); kept if users exist.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx
      .insert(t.organizations)
      .values(
        (Object.keys(DEMO_ORGANIZATIONS) as OrgKey[]).map((key) => ({
          id: orgId(key),
          name: DEMO_ORGANIZATIONS[key].name,
          kind: DEMO_ORGANIZATIONS[key].kind,
          countryCode: key === 'CSN' ? 'KE' : null,
          referencePrefix: DEMO_ORGANIZATIONS[key].prefix,
          createdAt: DEMO_EPOCH,
        })),
      )
      .onConflictDoNothing();

    await tx
      .insert(t.users)
      .values(
        DEMO_USERS.map((u) => ({
          id: userId(u.email),
          organizationId: orgId(u.org),
          email: u.email,
          displayName: u.displayName,
          passwordHash,
          roles: [u.role],
          createdAt: DEMO_EPOCH,
          updatedAt: DEMO_EPOCH,
        })),
      )
      .onConflictDoNothing();

    await tx
      .insert(t.quotas)
      .values([...QUOTAS])
      .onConflictDoNothing();
    await tx
      .insert(t.quotaTargets)
      .values(QUOTAS.map((q) => ({ year: q.year, organizationId: orgId('FLD'), personTarget: FLD_TARGET })))
      .onConflictDoNothing();

    const counters = new Map<string, number>();
    let fileCounter = 0;
    for (const [index, scenario] of SCENARIOS.entries()) {
      const rows = buildCase(index, scenario, counters, () => ++fileCounter);
      await tx
        .insert(t.cases)
        .values({ ...rows.case, ...(options.keyring ? sealDemoSecrets(options.keyring, index, rows.case.id) : {}) })
        .onConflictDoNothing();
      await tx.insert(t.persons).values(rows.persons).onConflictDoNothing();
      if (rows.charges.length) await tx.insert(t.charges).values(rows.charges).onConflictDoNothing();
      if (rows.assessment) {
        await tx.insert(t.assessments).values(rows.assessment).onConflictDoNothing();
        await tx.insert(t.assessmentAnswers).values(rows.answers).onConflictDoNothing();
      }
      if (rows.transfers.length) await tx.insert(t.transfers).values(rows.transfers).onConflictDoNothing();
      if (rows.file) {
        await tx.insert(t.immigrationFiles).values(rows.file).onConflictDoNothing();
        if (rows.checks.length) await tx.insert(t.immigrationChecks).values(rows.checks).onConflictDoNothing();
        if (rows.cited.length) await tx.insert(t.decisionCitedCharges).values(rows.cited).onConflictDoNothing();
      }
      if (rows.requests.length) await tx.insert(t.informationRequests).values(rows.requests).onConflictDoNothing();
    }

    // Reference counters continue after the seeded references (never backwards).
    for (const [key, value] of counters) {
      const [org, year] = key.split(':') as [OrgKey, string];
      await tx
        .insert(t.referenceCounters)
        .values({ organizationId: orgId(org), year: Number(year), lastValue: value })
        .onConflictDoUpdate({
          target: [t.referenceCounters.organizationId, t.referenceCounters.year],
          set: { lastValue: sql`GREATEST(${t.referenceCounters.lastValue}, excluded.last_value)` },
        });
    }

    return { organizations: Object.keys(DEMO_ORGANIZATIONS).length, users: DEMO_USERS.length, cases: SCENARIOS.length };
  });
}

/** How a built case is named and dated: the demo's own, or another data set's (the scale seed). */
export interface CaseNaming {
  /** Prefix of every identifier's seed name (`case:${index}` for the demo). */
  key: string;
  /** PRNG seed for the case's values. */
  seed: number;
  createdAt: Date;
  summary: string;
}

const demoNaming = (index: number): CaseNaming => ({
  key: `case:${index}`,
  seed: 1000 + index,
  createdAt: addDays(DEMO_EPOCH, index * 11),
  summary: `Synthetic defender profile number ${index + 1} (demo data, not a real person).`,
});

/** The rows of one synthetic case of a scenario (references numbered through `counters`). */
export function buildCase(
  index: number,
  s: Scenario,
  counters: Map<string, number>,
  nextFile: () => number,
  naming: CaseNaming = demoNaming(index),
) {
  const random = prng(naming.seed);
  const key = naming.key;
  const caseId = seedUuid(key);
  const createdAt = naming.createdAt;
  const year = createdAt.getUTCFullYear();
  const counterKey = `${s.origin}:${year}`;
  const number = (counters.get(counterKey) ?? 0) + 1;
  counters.set(counterKey, number);
  const reference = `${DEMO_ORGANIZATIONS[s.origin].prefix}-${year}-${String(number).padStart(4, '0')}`;
  const urgency: Urgency = random() < 0.15 ? 'EMERGENCY' : random() < 0.35 ? 'URGENT' : 'NORMAL';
  const nationality = pick(random, NATIONALITIES);
  const familyName = pick(random, FAMILY_NAMES);

  // Persons: the principal and 0-4 family members.
  const familySize = Math.floor(random() * 5);
  const persons = [
    { role: 'PRINCIPAL' as PersonRole, sex: random() < 0.5 ? 'F' : 'M', age: 25 + Math.floor(random() * 30) },
    ...Array.from({ length: familySize }, (_, i) => {
      const role = FAMILY_ROLES[i % FAMILY_ROLES.length] as PersonRole;
      const age =
        role === 'CHILD'
          ? 1 + Math.floor(random() * 16)
          : role === 'PARENT'
            ? 55 + Math.floor(random() * 20)
            : 20 + Math.floor(random() * 30);
      return { role, sex: random() < 0.5 ? 'F' : 'M', age };
    }),
  ].map((p, i) => ({
    id: seedUuid(`${key}:person:${i}`),
    caseId,
    role: p.role,
    givenName: pick(random, GIVEN_NAMES),
    familyName,
    dateOfBirth: `${2026 - p.age}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    sex: p.sex as 'F' | 'M',
    nationality,
    createdAt,
    updatedAt: createdAt,
  }));
  const principal = persons[0];
  if (!principal) throw new Error('unreachable: every case has a principal');

  // Charges: judicial harassment is common against HRDs; refused cases rely on an ordinary one.
  const charges: (typeof t.charges.$inferInsert)[] = [];
  const refused = s.file?.stage === 'REFUSED';
  if (refused || random() < 0.45) {
    const flagged: { view: PartnerView; outcome: ChargeOutcome; description: string } = {
      view: 'JUDICIAL_HARASSMENT',
      outcome: random() < 0.5 ? 'CONVICTED' : 'PENDING',
      description: 'Spreading false information (demo)',
    };
    charges.push(chargeRow(key, 0, caseId, principal.id, flagged, createdAt, nationality));
  }
  if (refused) {
    charges.push(
      chargeRow(
        key,
        1,
        caseId,
        principal.id,
        { view: 'ORDINARY', outcome: 'CONVICTED', description: 'Aggravated assault (demo)' },
        createdAt,
        nationality,
      ),
    );
  }

  const assessment = s.assessment
    ? {
        caseId,
        primaryCategory: 'LEGAL_PHYSICAL_PROTECTION' as SubmissionCategory,
        secondaryCategory: pick(
          random,
          CategoryEnum.values.filter((c) => c !== 'LEGAL_PHYSICAL_PROTECTION'),
        ),
        // The conclusions keep their reasons, as the API's notEligible and withdrawal do.
        notEligibleReason: s.status === 'NOT_ELIGIBLE' ? 'A durable solution exists (demo).' : null,
        withdrawalReason: s.status === 'WITHDRAWN' ? 'The defender found protection elsewhere (demo).' : null,
        createdAt: addDays(createdAt, 2),
        updatedAt: addDays(createdAt, 4),
      }
    : undefined;
  const answers = s.assessment
    ? CriterionEnum.values.map((criterion: Criterion, i) => {
        const answer: CriterionAnswer =
          s.assessment === 'met'
            ? 'MET'
            : s.assessment === 'not_met' && i === 3
              ? 'NOT_MET'
              : i < 3
                ? 'MET'
                : 'UNKNOWN';
        return {
          caseId,
          criterion,
          answer,
          justification: answer === 'UNKNOWN' ? '' : `Synthetic justification for ${criterion} (demo).`,
          answeredAt: addDays(createdAt, 4),
        };
      })
    : [];

  let clock = addDays(createdAt, 5);
  let referredAt: Date | null = null;
  const transfers = (s.transfers ?? []).map((spec, i) => {
    const at = clock;
    clock = addDays(clock, 6);
    if (spec.kind === 'RESETTLEMENT_REFERRAL') referredAt = at;
    const decided = spec.status !== 'PENDING';
    return {
      id: seedUuid(`${key}:transfer:${i}`),
      caseId,
      kind: spec.kind,
      fromOrganizationId: orgId(spec.from),
      toOrganizationId: orgId(spec.to),
      status: spec.status,
      note: `Synthetic ${spec.kind.toLowerCase().replace('_', ' ')} note (demo).`,
      decisionReason: spec.reason ?? null,
      createdAt: at,
      decidedAt: decided ? addDays(at, 3) : null,
    };
  });

  let file: typeof t.immigrationFiles.$inferInsert | undefined;
  const checks: (typeof t.immigrationChecks.$inferInsert)[] = [];
  const cited: (typeof t.decisionCitedCharges.$inferInsert)[] = [];
  const requests: (typeof t.informationRequests.$inferInsert)[] = [];
  if (s.file && referredAt) {
    const stage = s.file.stage;
    const opened = addDays(referredAt as Date, 3);
    const officer = s.file.officer === undefined ? null : OFFICERS[s.file.officer];
    const decided = stage === 'APPROVED' || stage === 'TRAVEL' || stage === 'ARRIVED' || stage === 'REFUSED';
    file = {
      caseId,
      fileNumber: `GAR-${opened.getUTCFullYear()}-${String(nextFile()).padStart(5, '0')}`,
      stage,
      assignedOfficerId: officer,
      expedited: urgency === 'EMERGENCY',
      interviewAt: reached(stage, 'INTERVIEW') ? addDays(opened, 20) : null,
      arrivedAt: stage === 'ARRIVED' ? addDays(opened, 90) : null,
      decisionOutcome: decided ? (stage === 'REFUSED' ? 'REFUSED' : 'APPROVED') : null,
      decisionReasons: decided ? `Synthetic decision reasons (demo).` : null,
      decidedBy: decided ? officer : null,
      decidedAt: decided ? addDays(opened, 60) : null,
      createdAt: opened,
      updatedAt: addDays(opened, 1),
    };
    const recorded = addDays(opened, 30);
    if (reached(stage, 'ADMISSIBILITY')) {
      checks.push(checkRow(key, caseId, 'ELIGIBILITY', 'PASSED', officer, recorded));
      const done = reached(stage, 'DECISION');
      checks.push(checkRow(key, caseId, 'MEDICAL', 'PASSED', officer, recorded));
      checks.push(checkRow(key, caseId, 'SECURITY', done ? 'PASSED' : 'PENDING', officer, recorded));
      if (done) checks.push(checkRow(key, caseId, 'CRIMINALITY', refused ? 'FAILED' : 'PASSED', officer, recorded));
    }
    if (refused) {
      const ordinary = charges.find((c) => c.partnerView === 'ORDINARY');
      if (ordinary?.id) cited.push({ caseId, chargeId: ordinary.id });
    }
    if (s.file.openRequest) {
      requests.push({
        id: seedUuid(`${key}:request:0`),
        caseId,
        question: 'Please confirm the dates of the most recent threats (demo).',
        status: 'OPEN',
        askedBy: officer,
        createdAt: addDays(opened, 10),
      });
    }
  }

  return {
    case: {
      id: caseId,
      reference,
      custodianId: orgId(s.custodian),
      originId: orgId(s.origin),
      status: s.status,
      urgency,
      countryOfNationality: nationality,
      countryOfAsylum: pick(random, ASYLUM_COUNTRIES),
      activities: pickSome(random, HrdActivity.values, 1, 3),
      hrdSummary: naming.summary,
      riskSummary: 'Synthetic risk summary (demo).',
      inHiding: random() < 0.3,
      createdAt,
      updatedAt: clock,
      referredAt,
    },
    persons,
    charges,
    assessment,
    answers,
    transfers,
    file,
    checks,
    cited,
    requests,
  };
}

function chargeRow(
  key: string,
  n: number,
  caseId: string,
  personId: string,
  c: { view: PartnerView; outcome: ChargeOutcome; description: string },
  createdAt: Date,
  jurisdiction: string,
): typeof t.charges.$inferInsert {
  return {
    id: seedUuid(`${key}:charge:${n}`),
    caseId,
    personId,
    description: c.description,
    jurisdiction,
    date: `${createdAt.getUTCFullYear() - 1}-06-15`,
    outcome: c.outcome,
    partnerView: c.view,
    partnerNote: c.view === 'JUDICIAL_HARASSMENT' ? 'Brought after the defender published a report (demo).' : null,
    createdAt,
    updatedAt: createdAt,
  };
}

function checkRow(
  key: string,
  caseId: string,
  kind: 'ELIGIBILITY' | 'MEDICAL' | 'SECURITY' | 'CRIMINALITY',
  result: 'PENDING' | 'PASSED' | 'FAILED',
  officer: string | null,
  at: Date,
): typeof t.immigrationChecks.$inferInsert {
  return {
    id: seedUuid(`${key}:check:${kind}`),
    caseId,
    kind,
    result,
    note: `Synthetic ${kind.toLowerCase()} check note (demo).`,
    recordedBy: officer,
    recordedAt: at,
  };
}

/** Fictitious SECRET values for a demo case, sealed under a fresh data key. */
export function sealDemoSecrets(keyring: Keyring, index: number, caseId: string) {
  const { dataKey, wrapped, masterKeyId } = newDataKey(keyring, caseId);
  return {
    locationCiphertext: encryptField(dataKey, caseId, 'location', `Demo safe house ${index + 1}, fictitious district`),
    safeContactCiphertext: encryptField(
      dataKey,
      caseId,
      'safeContact',
      `Signal via demo contact ${index + 1} (fictitious)`,
    ),
    dataKeyWrapped: wrapped,
    masterKeyId,
  };
}
