import { asc, ne } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { organizations } from '../../db/schema.js';
import type { Organization } from './organizations.types.js';

/**
 * UNHCR, FLD, PD and IRCC are listed to anyone (the sign-in page needs them). Third-party
 * organizations, small groups that may be targets themselves, are shown only to PD and to their
 * own members: with no signed-in caller yet, they are never listed.
 */
export async function listOrganizations(ctx: AppContext): Promise<Organization[]> {
  const rows = await ctx.database.db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(ne(organizations.kind, 'THIRD_PARTY'))
    .orderBy(asc(organizations.name));
  return rows;
}
