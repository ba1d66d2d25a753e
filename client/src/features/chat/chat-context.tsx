import {
  createContext,
  createResource,
  createSignal,
  useContext,
  type Accessor,
  type JSX,
} from 'solid-js';
import type { UserSummary } from '../../../../shared/api/schemas.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { decodeHlc, encodeHlc, observeHlc, tickHlc, type Hlc } from '../../workspace/chat/index.js';

/** What every chat view shares: who I am, the people, and this device's HLC. */
export interface ChatServices {
  me: Accessor<string | null>;
  people: Accessor<readonly UserSummary[]>;
  nameOf(userId: string): string;
  /** Asks the relay for the people again (someone may have joined). */
  refreshPeople: () => void;
  /** The next message key of this device (hlc.ts). */
  nextKey(now: number): { key: string; wall: number };
  /** Keeps the HLC at or past every key seen, so new messages sort after them. */
  observeKey(key: string, now: number): void;
  /**
   * Whether the relay verified a DING's permit (true: it rings), as DingAlerts found;
   * undefined while not yet asked. Shared so other views (the briefing) show only the
   * DINGs that ring, without asking the relay again.
   */
  dingVerdict(roomId: string, messageId: string): boolean | undefined;
  setDingVerdict(roomId: string, messageId: string, valid: boolean): void;
}

const ChatContext = createContext<ChatServices>();
const PEOPLE_CACHE = 'chat.people';
const NODE_KEY = 'chat.node';

/** People are cached on the device so names show offline. */
function cachedPeople(): UserSummary[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PEOPLE_CACHE) ?? '[]');
    return Array.isArray(parsed) ? (parsed as UserSummary[]) : [];
  } catch {
    return [];
  }
}

function deviceNode(): string {
  let node = localStorage.getItem(NODE_KEY);
  if (node === null) {
    node = crypto.randomUUID().replaceAll('-', '').slice(0, 12);
    localStorage.setItem(NODE_KEY, node);
  }
  return node;
}

export function ChatProvider(props: { children: JSX.Element }) {
  const api = useApi();
  const session = useSession();
  const [people, { refetch }] = createResource(
    async () => {
      try {
        const users = await api.users();
        localStorage.setItem(PEOPLE_CACHE, JSON.stringify(users));
        return users;
      } catch {
        return cachedPeople(); // offline, or a guest who may not list people
      }
    },
    { initialValue: cachedPeople() },
  );
  const node = deviceNode();
  let last: Hlc | null = null;
  const [verdicts, setVerdicts] = createSignal(new Map<string, boolean>());
  // Per person too: a verdict says whether the DING rings for whoever asked the relay.
  const verdictKey = (roomId: string, messageId: string) =>
    `${session.me()?.user.id ?? ''}\u0000${roomId}\u0000${messageId}`;
  const services: ChatServices = {
    me: () => session.me()?.user.id ?? null,
    people: () => people.latest,
    refreshPeople: () => void refetch(),
    nameOf: (id) =>
      people.latest.find((p) => p.id === id)?.name ??
      (session.me()?.user.id === id ? (session.me()?.user.name ?? id) : 'Someone'),
    nextKey(now) {
      last = tickHlc(last, now, node);
      return { key: encodeHlc(last), wall: last.wall };
    },
    observeKey(key, now) {
      const remote = decodeHlc(key);
      if (remote) last = observeHlc(last, remote, now);
    },
    dingVerdict: (roomId, messageId) => verdicts().get(verdictKey(roomId, messageId)),
    setDingVerdict: (roomId, messageId, valid) =>
      setVerdicts((current) => new Map(current).set(verdictKey(roomId, messageId), valid)),
  };
  return <ChatContext.Provider value={services}>{props.children}</ChatContext.Provider>;
}

export function useChat(): ChatServices {
  const chat = useContext(ChatContext);
  if (!chat) throw new Error('useChat needs a <ChatProvider> above it');
  return chat;
}
