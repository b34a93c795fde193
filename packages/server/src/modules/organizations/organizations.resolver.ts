import { Ctx, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context.js';
import { listOrganizations } from './organizations.service.js';
import { Organization } from './organizations.types.js';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => [Organization], {
    description:
      'The organizations: UNHCR, FLD, PD and IRCC to anyone; third-party organizations only to PD and their own members.',
  })
  organizations(@Ctx() ctx: AppContext): Promise<Organization[]> {
    return listOrganizations(ctx);
  }
}
