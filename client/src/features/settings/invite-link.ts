/** The page a person opens to accept an invite (client route /invite/:token). */
export function inviteLink(origin: string, token: string): string {
  return `${origin}/invite/${encodeURIComponent(token)}`;
}
