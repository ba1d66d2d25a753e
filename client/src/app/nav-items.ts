import type { IconName } from '../ui/Icon.js';

export interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  /** In the phone's bottom bar; the others are in the account menu there. */
  phone: boolean;
  /** What the badge counts, read out after the number. */
  counts?: string;
}

export const navItems: readonly NavItem[] = [
  { href: '/', label: 'Home', icon: 'home', phone: true },
  { href: '/chat', label: 'Chat', icon: 'chat', phone: true },
  { href: '/docs', label: 'Docs', icon: 'docs', phone: true },
  { href: '/tasks', label: 'Tasks', icon: 'tasks', phone: true },
  { href: '/calendar', label: 'Calendar', icon: 'calendar', phone: false },
  { href: '/notifications', label: 'Notifications', icon: 'bell', phone: false },
  { href: '/search', label: 'Search', icon: 'search', phone: false },
  {
    href: '/approvals',
    label: 'Approvals',
    icon: 'approval',
    phone: false,
    counts: 'waiting for you',
  },
  { href: '/contacts', label: 'Contacts', icon: 'people', phone: false },
];
