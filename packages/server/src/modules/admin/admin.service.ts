/**
 * Organization administration: org admins manage their own organization's users; a PD admin
 * also registers third-party organizations (and may create their first users).
 */
import { Role as RoleEnum } from '@hrd/schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/passwords.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/client.js';
import { apiTokens, organizations, sessions, users } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { isId, parseId } from '../../graphql/ids.js';
import { hasPermission, rolesAllowedFor } from '../../policy/policy.js';
import { loadUser, requireViewer } from '../identity/identity.service.js';
import type { User } from '../identity/identity.types.js';
import type { Organization } from '../organizations/organizations.types.js';
import type { CreateUserInput } from './admin.types.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO2 = /^[A-Z]{2}$/;

function forbid(ctx: AppContext, action: string, message: string): never {
  ctx.audit.record({ action, outcome: 'DENIED', detail: { reason: 'forbidden' } });
  throw new AppError('FORBIDDEN', message);
}

export async function listUsers(ctx: AppContext): Promise<User[]> {
  const viewer = requireViewer(ctx);
  if (!hasPermission(viewer, 'user:manage')) forbid(ctx, 'user.list', 'Only organization admins list users.');
  const tx = await ctx.scope.tx();
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.organizationId, viewer.organizationId))
    .orderBy(asc(users.email));
  const out: User[] = [];
  for (const row of rows) {
    const user = await loadUser(tx, row.id);
    if (user) out.push(user);
  }
  return out;
}

export async function createUser(ctx: AppContext, input: CreateUserInput): Promise<User> {
  const viewer = requireViewer(ctx);
  if (!hasPermission(viewer, 'user:manage')) forbid(ctx, 'user.create', 'Only organization admins create users.');
  const email = input.email.trim().toLowerCase();
  const displayName = input.displayName.trim();
  if (!EMAIL.test(email) || email.length > 254) {
    throw new AppError('BAD_USER_INPUT', 'Enter a valid email address.', { paths: [['input', 'email']] });
  }
  if (displayName.length < 1 || displayName.length > 200) {
    throw new AppError('BAD_USER_INPUT', 'A display name has 1 to 200 characters.', {
      paths: [['input', 'displayName']],
    });
  }
  if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > 1024) {
    throw new AppError('BAD_USER_INPUT', `A password has at least ${MIN_PASSWORD_LENGTH} characters.`, {
      paths: [['input', 'password']],
    });
  }
  const roles = [...new Set(input.roles)];
  if (roles.length === 0 || roles.some((r) => !RoleEnum.values.includes(r))) {
    throw new AppError('BAD_USER_INPUT', 'Give the user at least one role.', { paths: [['input', 'roles']] });
  }

  return ctx.scope.mutate(async (tx) => {
    let organizationId = viewer.organizationId;
    if (input.organizationId && input.organizationId !== viewer.organizationId) {
      const target = isId(input.organizationId)
        ? (await tx.select().from(organizations).where(eq(organizations.id, input.organizationId)))[0]
        : undefined;
      if (target?.kind !== 'THIRD_PARTY' || !hasPermission(viewer, 'organization:register_third_party')) {
        ctx.audit.record({ action: 'user.create', outcome: 'DENIED', detail: { reason: 'organization' } });
        throw new AppError('NOT_FOUND', 'No such organization.');
      }
      organizationId = target.id;
    }
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId));
    if (!org) throw new AppError('NOT_FOUND', 'No such organization.');
    const allowed = rolesAllowedFor(org.kind);
    const wrong = roles.filter((r) => !allowed.includes(r));
    if (wrong.length) {
      throw new AppError('BAD_USER_INPUT', `A ${org.kind} organization cannot hold: ${wrong.join(', ')}.`, {
        paths: [['input', 'roles']],
      });
    }
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (taken) {
      throw new AppError('CONFLICT', 'A user with this email already exists.', { paths: [['input', 'email']] });
    }
    const passwordHash = await hashPassword(input.password);
    const [row] = await tx
      .insert(users)
      .values({ organizationId, email, displayName, roles, passwordHash })
      .returning({ id: users.id });
    if (!row) throw new Error('user insert returned nothing');
    ctx.audit.record({ action: 'user.create', outcome: 'ALLOWED', detail: { userId: row.id } });
    const user = await loadUser(tx, row.id);
    if (!user) throw new Error('user vanished');
    return user;
  });
}

/** Deactivates a user of the admin's own organization: their sessions and tokens stop at once. */
export async function deactivateUser(ctx: AppContext, rawId: string): Promise<User> {
  const viewer = requireViewer(ctx);
  if (!hasPermission(viewer, 'user:manage'))
    forbid(ctx, 'user.deactivate', 'Only organization admins deactivate users.');
  const id = parseId(rawId, 'No such user.');
  return ctx.scope.mutate(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ active: false, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(and(eq(users.id, id), eq(users.organizationId, viewer.organizationId)))
      .returning({ id: users.id });
    if (!row) {
      ctx.audit.record({ action: 'user.deactivate', outcome: 'DENIED', detail: { reason: 'not_found' } });
      throw new AppError('NOT_FOUND', 'No such user.');
    }
    const now = new Date();
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, id), sql`${sessions.revokedAt} IS NULL`));
    await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.userId, id), sql`${apiTokens.revokedAt} IS NULL`));
    ctx.audit.record({ action: 'user.deactivate', outcome: 'ALLOWED', detail: { userId: id } });
    const user = await loadUser(tx, id);
    if (!user) throw new Error('user vanished');
    return user;
  });
}

export async function registerThirdPartyOrganization(
  ctx: AppContext,
  name: string,
  countryCode: string | null | undefined,
): Promise<Organization> {
  const viewer = requireViewer(ctx);
  if (!hasPermission(viewer, 'organization:register_third_party')) {
    forbid(ctx, 'organization.register', 'Only a PD admin registers third-party organizations.');
  }
  const trimmed = name.trim();
  if (trimmed.length < 2 || trimmed.length > 200) {
    throw new AppError('BAD_USER_INPUT', 'An organization name has 2 to 200 characters.', { paths: [['name']] });
  }
  const country = countryCode?.trim().toUpperCase() || null;
  if (country && !ISO2.test(country)) {
    throw new AppError('BAD_USER_INPUT', 'A country is an ISO 3166-1 alpha-2 code.', { paths: [['countryCode']] });
  }
  return ctx.scope.mutate(async (tx) => {
    const [taken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(sql`lower(${organizations.name}) = lower(${trimmed})`);
    if (taken) throw new AppError('CONFLICT', 'An organization with this name already exists.', { paths: [['name']] });
    const referencePrefix = await freePrefix(tx, trimmed);
    const [row] = await tx
      .insert(organizations)
      .values({ name: trimmed, kind: 'THIRD_PARTY', countryCode: country, referencePrefix })
      .returning({ id: organizations.id, name: organizations.name, kind: organizations.kind });
    if (!row) throw new Error('organization insert returned nothing');
    ctx.audit.record({ action: 'organization.register', outcome: 'ALLOWED', detail: { organizationId: row.id } });
    return row;
  });
}

/**
 * A reference prefix for a new third party: the initials of its name (e.g. CSN for Civic Shield
 * Network), with a number appended when another organization already has them.
 */
async function freePrefix(tx: Database, name: string): Promise<string> {
  const words = name
    .toUpperCase()
    .normalize('NFKD')
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let base = words
    .map((w) => w[0])
    .join('')
    .slice(0, 6);
  if (!/^[A-Z]/.test(base) || base.length < 2) base = `TP${base.replace(/^[^A-Z]+/, '')}`.slice(0, 6);
  const taken = new Set((await tx.select({ p: organizations.referencePrefix }).from(organizations)).map((r) => r.p));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
