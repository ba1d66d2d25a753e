import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { Popover } from '../../ui/Popover.js';
import { NotificationPermission } from './NotificationPermission.js';
import { RetentionNotice } from './RetentionSetting.js';
import { RoomMark } from './RoomMark.js';
import { TopicEditor } from './TopicEditor.js';

/**
 * The conversation's header: back to the list (phones), title with its private or DM
 * mark, the topic (channels only: a DM has none), and one settings menu for retention
 * and urgent-alert settings instead of controls in the channel list.
 */
export function ChannelHeader(props: {
  room: DirectoryRoom;
  topic: string;
  readOnly: boolean;
  memberCount: number | null;
  onSaveTopic: (topic: string) => void;
  retentionDays: number | null;
  retention: JSX.Element;
  actions?: JSX.Element;
}) {
  return (
    <header class="chat-header">
      <A href="/chat" class="chat-back" aria-label="Back to conversations">
        <span aria-hidden="true">‹</span>
      </A>
      <div class="chat-header-title">
        <div class="chat-title-row">
          <RoomMark room={props.room} />
          <h1>
            {props.room.kind === 'channel' ? '#' : ''}
            {props.room.title}
          </h1>
        </div>
        <Show when={props.room.kind === 'channel'}>
          <TopicEditor
            topic={props.topic}
            readOnly={props.readOnly}
            onSave={(topic) => props.onSaveTopic(topic)}
          />
        </Show>
        <RetentionNotice days={props.retentionDays} />
      </div>
      <div class="chat-header-actions">
        <span class="muted small chat-members">
          <Show when={props.memberCount !== null} fallback="Members: unknown offline">
            {props.memberCount} members
          </Show>
        </span>
        {props.actions}
        <Popover label="Channel settings" icon="⚙">
          <div class="stack chat-settings">
            {props.retention}
            <NotificationPermission />
          </div>
        </Popover>
      </div>
    </header>
  );
}
