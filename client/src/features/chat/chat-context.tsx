import { createContext, useContext, type Accessor, type JSX } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { decodeHlc, encodeHlc, observeHlc, tickHlc, type Hlc } from '../../workspace/chat/index.js';

/**
 * What every chat view shares: who I am and this device's HLC. People and DING
 * verdicts are the workspace's (workspace/workspace-context.tsx).
 */
export interface ChatServices {
  me: Accessor<string | null>;
  /** The next message key of this device (hlc.ts). */
  nextKey(now: number): { key: string; wall: number };
  /** Keeps the HLC at or past every key seen, so new messages sort after them. */
  observeKey(key: string, now: number): void;
}

const ChatContext = createContext<ChatServices>();
const NODE_KEY = 'chat.node';

function deviceNode(): string {
  let node = localStorage.getItem(NODE_KEY);
  if (node === null) {
    node = crypto.randomUUID().replaceAll('-', '').slice(0, 12);
    localStorage.setItem(NODE_KEY, node);
  }
  return node;
}

export function ChatProvider(props: { children: JSX.Element }) {
  const session = useSession();
  const node = deviceNode();
  let last: Hlc | null = null;
  const services: ChatServices = {
    me: () => session.me()?.user.id ?? null,
    nextKey(now) {
      last = tickHlc(last, now, node);
      return { key: encodeHlc(last), wall: last.wall };
    },
    observeKey(key, now) {
      const remote = decodeHlc(key);
      if (remote) last = observeHlc(last, remote, now);
    },
  };
  return <ChatContext.Provider value={services}>{props.children}</ChatContext.Provider>;
}

export function useChat(): ChatServices {
  const chat = useContext(ChatContext);
  if (!chat) throw new Error('useChat needs a <ChatProvider> above it');
  return chat;
}
