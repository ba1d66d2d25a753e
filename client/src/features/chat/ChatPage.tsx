import { ComingSoon } from '../../ui/ComingSoon.js';

export function ChatPage() {
  return (
    <ComingSoon
      title="Chat"
      summary="Fast team chat that works offline and syncs when you reconnect."
      planned={[
        'Channels, direct messages and threads',
        '@mentions, reactions, edit and delete',
        'Read receipts: who has and has not read',
        'DING urgent alerts that remind until acknowledged',
        'Unread counts and search',
      ]}
    />
  );
}
