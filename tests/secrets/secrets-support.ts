/** What the secrets tests share: the stored SECRET columns of cases, and reading them with a keyring. */
import { randomUUID } from 'node:crypto';
import {
  type Database,
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  decryptField,
  demoOrgId,
  demoUserId,
  type Keyring,
  tables,
  unwrapDataKey,
  type Viewer,
} from '@hrd/server';
import { asc, eq } from 'drizzle-orm';

export interface StoredSecrets {
  id: string;
  reference: string;
  location: Buffer | null;
  safeContact: Buffer | null;
  wrapped: Buffer | null;
  masterKeyId: string | null;
}

export interface Plain {
  location: string | null;
  safeContact: string | null;
}

const bytes = (value: Uint8Array | null): Buffer | null => (value ? Buffer.from(value) : null);

/** The SECRET columns of one case, or of every case (in id order), as Buffers on both drivers. */
export async function stored(db: Database, caseId?: string): Promise<StoredSecrets[]> {
  const c = tables.cases;
  const rows = await db
    .select({
      id: c.id,
      reference: c.reference,
      location: c.locationCiphertext,
      safeContact: c.safeContactCiphertext,
      wrapped: c.dataKeyWrapped,
      masterKeyId: c.masterKeyId,
    })
    .from(c)
    .where(caseId ? eq(c.id, caseId) : undefined)
    .orderBy(asc(c.id));
  return rows.map((r) => ({
    ...r,
    location: bytes(r.location),
    safeContact: bytes(r.safeContact),
    wrapped: bytes(r.wrapped),
  }));
}

export async function storedOne(db: Database, caseId: string): Promise<StoredSecrets> {
  const [row] = await stored(db, caseId);
  if (!row) throw new Error(`no case ${caseId}`);
  return row;
}

/** Decrypts stored columns with a keyring, as `decryptSecretField` does (throws if it cannot). */
export function open(keyring: Keyring, row: StoredSecrets): Plain {
  if (!row.wrapped || !row.masterKeyId) return { location: null, safeContact: null };
  const key = unwrapDataKey(keyring, row.id, row.wrapped, row.masterKeyId);
  return {
    location: row.location ? decryptField(key, row.id, 'location', row.location) : null,
    safeContact: row.safeContact ? decryptField(key, row.id, 'safeContact', row.safeContact) : null,
  };
}

/** Every case's secrets in plain text, by case id. */
export async function openAll(db: Database, keyring: Keyring): Promise<Map<string, Plain>> {
  return new Map((await stored(db)).map((row) => [row.id, open(keyring, row)]));
}

/** A case with no secrets yet (custodian and origin: a demo organization). */
export async function insertCase(db: Database, org: 'PD' | 'FLD' | 'UNHCR' = 'PD'): Promise<string> {
  const [row] = await db
    .insert(tables.cases)
    .values({
      reference: `TEST-${randomUUID().slice(0, 8)}`,
      custodianId: demoOrgId(org),
      originId: demoOrgId(org),
    })
    .returning({ id: tables.cases.id });
  if (!row) throw new Error('no case inserted');
  return row.id;
}

/** A demo user as a signed-in caller (for statements run as `hrd_app` under row-level security). */
export function demoViewer(email: string): Viewer {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return {
    userId: demoUserId(email),
    email,
    displayName: user.displayName,
    organizationId: demoOrgId(user.org),
    organizationKind: DEMO_ORGANIZATIONS[user.org].kind,
    roles: [user.role],
    via: { kind: 'session', sessionId: randomUUID() },
  };
}
