import { avatarColour, initialsOf } from './avatar-colour.js';
import './avatar.css';

/**
 * A person's initials on their colour. Named for screen readers like an image, unless
 * `decorative` (when the name is written beside it, saying it twice is noise).
 */
export function Avatar(props: {
  id: string;
  name: string;
  size?: 'sm' | 'md';
  decorative?: boolean;
}) {
  return (
    <span
      class={`person-avatar person-avatar-${props.size ?? 'md'}`}
      style={{ 'background-color': avatarColour(props.id) }}
      role={props.decorative ? undefined : 'img'}
      aria-label={props.decorative ? undefined : props.name}
      aria-hidden={props.decorative ? 'true' : undefined}
      title={props.decorative ? undefined : props.name}
    >
      {initialsOf(props.name)}
    </span>
  );
}
