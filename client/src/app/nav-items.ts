export interface NavItem {
  href: string;
  label: string;
}

export const navItems: readonly NavItem[] = [
  { href: '/', label: 'Home' },
  { href: '/chat', label: 'Chat' },
  { href: '/docs', label: 'Docs' },
  { href: '/tasks', label: 'Tasks' },
  { href: '/search', label: 'Search' },
  { href: '/contacts', label: 'Contacts' },
  { href: '/settings', label: 'Settings' },
];
