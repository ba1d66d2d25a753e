const count = new Intl.NumberFormat('en');

/** "99+" past 99, as Slack and Lark do, so the badge keeps its size. */
export function badgeText(n: number): string {
  return n > 99 ? '99+' : count.format(n);
}
