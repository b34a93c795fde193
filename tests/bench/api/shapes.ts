/**
 * The request shapes of the API benchmark (issue #10), each with the demo sign-in that asks it
 * and its raw-SQL floor: one hand-written statement returning the same data as JSON, run by the
 * floor endpoint in a transaction as `hrd_app` with the same caller settings (RLS applies).
 */

export type Role = 'caseworker' | 'officer' | 'analyst';

export const SIGN_INS: Record<Role, string> = {
  caseworker: 'caseworker@fld.demo',
  officer: 'officer@ircc.demo',
  analyst: 'analyst@ircc.demo',
};

export interface Shape {
  /** Q1 … Q8, or ceiling. */
  id: string;
  /** Page size, for shapes that grow with N. */
  n?: number;
  /** Levels of nesting below the root list (1: scalars, 2: + relations, 3: + their relations). */
  depth?: number;
  label: string;
  role: Role;
  /** The GraphQL request body (a fixed one; Q8's is made per request by the harness). */
  query: string;
  variables?: Record<string, unknown>;
  /** The floor's SQL; `$1` … are `floorParams`. Absent: no floor (R is not defined). */
  floor?: string;
  floorParams?: unknown[];
  /** Errors the answer is expected to carry (Q7's denials). */
  expectErrors?: string;
  mutation?: boolean;
}

const SCALARS = 'id reference status urgency size createdAt';
const SCALARS_SQL = `c.id, c.reference, c.status, c.urgency, c.size, c.created_at AS "createdAt"`;

const PERSONS_SQL = `(SELECT coalesce(json_agg(json_build_object('givenName', p.given_name, 'familyName', p.family_name, 'role', p.role)
    ORDER BY p.created_at, p.id), '[]') FROM persons p WHERE p.case_id = c.id) AS persons`;
const TRANSFERS_SQL = `(SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'status', t.status, 'createdAt', t.created_at)
    ORDER BY t.created_at, t.id), '[]') FROM transfers t WHERE t.case_id = c.id) AS transfers`;
const TRANSFERS_ORGS_SQL = `(SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'status', t.status,
      'from', json_build_object('name', fo.name), 'to', json_build_object('name', too.name)) ORDER BY t.created_at, t.id), '[]')
    FROM transfers t JOIN organizations fo ON fo.id = t.from_organization_id JOIN organizations too ON too.id = t.to_organization_id
    WHERE t.case_id = c.id) AS transfers`;

function selection(depth: number): string {
  if (depth === 1) return SCALARS;
  if (depth === 2) return `${SCALARS} persons { givenName familyName role } transfers { kind status createdAt }`;
  return `${SCALARS} transfers { kind status from { name } to { name } }`;
}

function columns(depth: number): string {
  if (depth === 1) return SCALARS_SQL;
  if (depth === 2) return `${SCALARS_SQL}, ${PERSONS_SQL}, ${TRANSFERS_SQL}`;
  return `${SCALARS_SQL}, ${TRANSFERS_ORGS_SQL}`;
}

/** The pages are of the cases the caseworker's organization holds (it reads their persons). */
const HELD = 'filter: { custodianKind: [FLD] }';

/** A page of N cases, newest first; N = 200 is two aliased pages of 100 (the API caps `first` at 100). */
function pageQuery(n: number, depth: number): string {
  const fields = selection(depth);
  if (n <= 100) return `{ cases(first: ${n}, ${HELD}) { edges { node { ${fields} } } } }`;
  const second = Buffer.from('o:99').toString('base64url');
  return `{ a: cases(first: 100, ${HELD}) { edges { node { ${fields} } } } b: cases(first: ${n - 100}, after: "${second}", ${HELD}) { edges { node { ${fields} } } } }`;
}

function pageFloor(n: number, depth: number): string {
  return `SELECT coalesce(json_agg(x), '[]') FROM (SELECT ${columns(depth)} FROM cases c
    WHERE c.custodian_id IN (SELECT o.id FROM organizations o WHERE o.kind = 'FLD')
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${n}) x`;
}

export const PAGE_SIZES = [10, 50, 200] as const;

export function shapes(ids: { caseId: string }): Shape[] {
  const out: Shape[] = [
    {
      id: 'Q1',
      label: 'one case by id',
      role: 'caseworker',
      query: `query($id: ID!) { case(id: $id) { ${SCALARS} countryOfAsylum } }`,
      variables: { id: ids.caseId },
      floor: `SELECT json_build_object('id', c.id, 'reference', c.reference, 'status', c.status, 'urgency', c.urgency,
        'size', c.size, 'createdAt', c.created_at, 'countryOfAsylum', c.country_of_asylum) FROM cases c WHERE c.id = $1`,
      floorParams: [ids.caseId],
    },
  ];
  for (const [id, depth, what] of [
    ['Q2', 1, 'scalars'],
    ['Q3', 2, '+ persons, transfers'],
    ['Q4', 3, 'transfers → organizations'],
  ] as const) {
    for (const n of PAGE_SIZES) {
      out.push({
        id,
        n,
        depth,
        label: `page of ${n}, ${what}`,
        role: 'caseworker',
        query: pageQuery(n, depth),
        floor: pageFloor(n, depth),
      });
    }
  }
  out.push(
    {
      id: 'Q5',
      label: 'statistics { quota(year: 2026) }, analyst',
      role: 'analyst',
      query:
        '{ statistics { quota(year: 2026) { year personCap referredPersons inProcessPersons partners { organization { name } personTarget referredPersons approvedPersons } } } }',
      floor: `SELECT json_build_object('year', 2026, 'personCap', (SELECT person_cap FROM quotas WHERE year = 2026),
        'partners', (SELECT json_agg(json_build_object('name', o.name, 'personTarget', t.person_target,
          'referredPersons', u.referred_persons, 'approvedPersons', u.approved_persons) ORDER BY o.name)
          FROM hrd_quota_usage(2026) u JOIN organizations o ON o.id = u.organization_id
          LEFT JOIN quota_targets t ON t.organization_id = u.organization_id AND t.year = 2026))`,
    },
    {
      id: 'Q6',
      label: 'filtered, sorted search (50)',
      role: 'caseworker',
      query: `{ cases(first: 50, orderBy: URGENCY, filter: { status: [DRAFT, IN_ASSESSMENT, READY_TO_REFER], activity: [JOURNALISM, LEGAL_DEFENCE, LAND_ENVIRONMENT] }) { totalCount edges { node { ${SCALARS} } } } }`,
      floor: `SELECT json_build_object('totalCount', (SELECT count(*) FROM cases c WHERE ${SEARCH_WHERE}),
        'nodes', (SELECT json_agg(x) FROM (SELECT ${SCALARS_SQL} FROM cases c WHERE ${SEARCH_WHERE}
          ORDER BY CASE c.urgency WHEN 'EMERGENCY' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END, c.created_at, c.id LIMIT 50) x))`,
    },
    {
      id: 'Q7',
      label: 'denied field (analyst asks persons: outside the role schema, refused at validation)',
      role: 'analyst',
      query: `{ cases(first: 10) { edges { node { id persons { givenName } } } } }`,
      expectErrors: 'GRAPHQL_VALIDATION_FAILED',
      floor: `SELECT coalesce(json_agg(x), '[]') FROM (SELECT c.id, c.reference FROM cases c
        ORDER BY c.created_at DESC, c.id DESC LIMIT 10) x`,
    },
    {
      id: 'Q8',
      label: 'updateCase urgency (+ audit)',
      role: 'caseworker',
      mutation: true,
      query: `mutation($id: ID!, $v: Int!, $u: Urgency!) { updateCase(id: $id, expectedVersion: $v, input: { urgency: $u }) { id version urgency } }`,
      floor: `UPDATE cases SET urgency = CASE urgency WHEN 'URGENT' THEN 'NORMAL' ELSE 'URGENT' END, version = version + 1,
        updated_at = now() WHERE id = $1 RETURNING json_build_object('id', id, 'version', version, 'urgency', urgency)`,
    },
    {
      id: 'ceiling',
      label: '{ __typename } (framework ceiling)',
      role: 'caseworker',
      query: '{ __typename }',
      floor: `SELECT json_build_object('__typename', 'Query')`,
    },
  );
  return out;
}

const SEARCH_WHERE = `c.status IN ('DRAFT', 'IN_ASSESSMENT', 'READY_TO_REFER') AND c.activities && ARRAY['JOURNALISM', 'LEGAL_DEFENCE', 'LAND_ENVIRONMENT']::text[]`;

export const shapeKey = (s: Pick<Shape, 'id' | 'n'>) => (s.n ? `${s.id} N=${s.n}` : s.id);
