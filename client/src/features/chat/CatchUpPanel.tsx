import { createSignal } from 'solid-js';
import { format } from 'date-fns';
import { SegmentedControl } from '../../ui/SegmentedControl.js';
import { useSlots } from '../../workspace/slots.js';
import type { SourceText } from '../../workspace/summaries/source-text.js';
import { usePeople } from '../../workspace/workspace-context.js';
import { catchUpMessages, type CatchUpRange } from './catch-up.js';
import type { ChannelMessage } from './use-channel.js';

const RANGES: { value: CatchUpRange; label: string }[] = [
  { value: 'unread', label: 'Since I last read' },
  { value: 'day', label: 'Last 24 hours' },
  { value: 'week', label: 'Last 7 days' },
  { value: 'loaded', label: 'Everything loaded' },
];

/** "Catch me up" on a channel or one thread: summary with links to the messages. */
export function CatchUpPanel(props: {
  roomId: string;
  title: string;
  /** The messages of the channel (or of one thread, with `thread`). */
  timeline: () => readonly ChannelMessage[];
  replies: () => ReadonlyMap<string, readonly ChannelMessage[]>;
  readPointer: () => string | null;
  thread?: boolean;
  onOpenMessage: (id: string) => void;
  onClose: () => void;
}) {
  const people = usePeople();
  const { SummaryPanel } = useSlots();
  const [range, setRange] = createSignal<CatchUpRange>(props.thread ? 'loaded' : 'unread');
  const byId = () => new Map(props.timeline().map((m) => [m.id, m]));
  const sources = (): SourceText[] =>
    catchUpMessages(
      props.timeline(),
      props.replies(),
      range(),
      props.readPointer(),
      Date.now(),
    ).map((m) => ({ id: m.id, text: m.text, author: m.author, at: m.createdAt }));
  const find = (id: string) =>
    byId().get(id) ?? [...props.replies().values()].flat().find((m) => m.id === id);
  return (
    <SummaryPanel
      title={props.thread ? 'Catch me up on this thread' : `Catch me up on ${props.title}`}
      feature="catchUp"
      sources={sources}
      input={range()}
      empty={
        range() === 'unread'
          ? 'Nothing new since you last read. Pick a longer range to summarize earlier messages.'
          : 'No messages in this range.'
      }
      links={{
        hrefOf: (id) =>
          `/chat/${encodeURIComponent(props.roomId)}?message=${encodeURIComponent(id)}`,
        labelOf: (id) => {
          const m = find(id);
          return m
            ? `${people.nameOf(m.author)}, ${format(m.createdAt, 'd MMM HH:mm')}`
            : 'a message';
        },
        onOpen: (id, event) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          props.onOpenMessage(id);
        },
      }}
      controls={
        props.thread ? undefined : (
          <SegmentedControl
            legend="Summarize"
            name={`catch-up-range-${props.roomId}`}
            options={RANGES}
            value={range()}
            onChange={setRange}
          />
        )
      }
      onClose={props.onClose}
    />
  );
}
