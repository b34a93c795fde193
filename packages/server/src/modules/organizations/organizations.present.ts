import type { Viewer } from '../../policy/viewer.js';
import type { Organization } from './organizations.types.js';

/** What a third party looks like to those who may not know which one it is. */
export const UNDISCLOSED_THIRD_PARTY: Organization = {
  id: 'third-party',
  name: 'A third-party organization',
  kind: 'THIRD_PARTY',
};

/**
 * Third-party organizations (small groups that may be targets themselves) are named only to PD
 * and to their own members; anyone else sees that a third party was involved, not which.
 */
export function presentOrganization(viewer: Viewer | null, org: Organization): Organization {
  if (org.kind !== 'THIRD_PARTY') return { id: org.id, name: org.name, kind: org.kind };
  if (viewer && (viewer.organizationKind === 'PD' || viewer.organizationId === org.id)) {
    return { id: org.id, name: org.name, kind: org.kind };
  }
  return UNDISCLOSED_THIRD_PARTY;
}
