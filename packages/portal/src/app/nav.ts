/** What each role's navigation offers (DOMAIN.md, "Who does what"). */
import type { MessageKey } from '../i18n/en';
import { type Me, primaryRole, type Role } from './session';

export interface NavItem {
  to: string;
  label: MessageKey;
}

export const NAV: Record<Role | 'NONE', NavItem[]> = {
  CASEWORKER: [
    { to: '/', label: 'nav.home' },
    { to: '/cases', label: 'nav.cases' },
    { to: '/cases/new', label: 'nav.newCase' },
    { to: '/transfers', label: 'nav.transfers' },
    { to: '/requests', label: 'nav.requests' },
  ],
  INTAKE_COORDINATOR: [
    { to: '/', label: 'nav.home' },
    { to: '/intake', label: 'nav.intake' },
    { to: '/cases', label: 'nav.cases' },
  ],
  REFERRER: [
    { to: '/', label: 'nav.home' },
    { to: '/cases', label: 'nav.submissions' },
    { to: '/cases/new', label: 'nav.newCase' },
  ],
  OFFICER: [
    { to: '/', label: 'nav.home' },
    { to: '/queue', label: 'nav.queue' },
    { to: '/referrals', label: 'nav.referrals' },
    { to: '/requests', label: 'nav.requests' },
  ],
  ANALYST: [
    { to: '/', label: 'nav.home' },
    { to: '/dashboard', label: 'nav.dashboard' },
    { to: '/cases', label: 'nav.cases' },
    { to: '/tokens', label: 'nav.tokens' },
  ],
  ORG_ADMIN: [
    { to: '/', label: 'nav.home' },
    { to: '/users', label: 'nav.users' },
    { to: '/tokens', label: 'nav.tokens' },
  ],
  NONE: [{ to: '/', label: 'nav.home' }],
};

/**
 * The navigation of a user: their main role's, plus the users and API tokens screens for an
 * organization admin who also holds another role (the main role decides the rest).
 */
export function navFor(me: Me): NavItem[] {
  const items = [...NAV[primaryRole(me)]];
  if (me.roles.includes('ORG_ADMIN')) {
    for (const extra of NAV.ORG_ADMIN) if (!items.some((i) => i.to === extra.to)) items.push(extra);
  }
  return items;
}
