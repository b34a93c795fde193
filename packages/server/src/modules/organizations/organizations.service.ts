import { asc, eq, ne, or } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { organizations } from '../../db/schema.js';
import { hasPermission } from '../../policy/policy.js';
import type { Organization } from './organizations.types.js';

/**
 * UNHCR, FLD, PD and IRCC are listed to anyone (the sign-in page needs them). Third-party
 * organizations, small groups that may be targets themselves, are listed only to PD and to their
 * own members.
 */
export async function listOrganizations(ctx: AppContext): Promise<Organization[]> {
  const tx = await ctx.scope.tx();
  const viewer = ctx.viewer;
  const allThirdParties = viewer?.organizationKind === 'PD' && hasPermission(viewer, 'organization:list_third_parties');
  const filter = allThirdParties
    ? undefined
    : viewer
      ? or(ne(organizations.kind, 'THIRD_PARTY'), eq(organizations.id, viewer.organizationId))
      : ne(organizations.kind, 'THIRD_PARTY');
  return tx
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(filter)
    .orderBy(asc(organizations.name));
}
