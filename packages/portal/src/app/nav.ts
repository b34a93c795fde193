/** What each role's navigation offers (DOMAIN.md, "Who does what"). */
import type { MessageKey } from '../i18n/en';
import type { Role } from './session';

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
  ],
  ORG_ADMIN: [{ to: '/', label: 'nav.home' }],
  NONE: [{ to: '/', label: 'nav.home' }],
};
