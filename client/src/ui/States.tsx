import { For, Show, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import './states.css';

/**
 * What a view shows while its data loads: grey lines where text will be, announced
 * to screen readers once as "Loading <label>".
 */
export function Skeleton(props: { label: string; lines?: number }) {
  const lines = () => Array.from({ length: props.lines ?? 3 }, (_, index) => index);
  return (
    <div class="skeleton" role="status" aria-label={`Loading ${props.label}`}>
      <For each={lines()}>{() => <span class="skeleton-line" aria-hidden="true" />}</For>
    </div>
  );
}

/**
 * An empty view that says what would be here and offers the next action (a button
 * or link passed as `action`), instead of a bare "Nothing yet".
 */
export function EmptyState(props: {
  title: string;
  children?: JSX.Element;
  action?: JSX.Element;
  /** 3 inside a card or panel that has its own h2, so the outline stays right. */
  level?: 2 | 3;
}) {
  return (
    <div class="empty-state">
      <Dynamic component={`h${props.level ?? 2}`}>{props.title}</Dynamic>
      <Show when={props.children}>
        <p class="muted">{props.children}</p>
      </Show>
      {props.action}
    </div>
  );
}

/** A failure that says what happened and what the person can do about it. */
export function ErrorState(props: { title: string; children: JSX.Element; action?: JSX.Element }) {
  return (
    <div class="error-state" role="alert">
      <h2>{props.title}</h2>
      <p>{props.children}</p>
      {props.action}
    </div>
  );
}
