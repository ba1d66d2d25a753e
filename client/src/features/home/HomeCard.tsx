import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { Skeleton } from '../../ui/States.js';
import './home.css';

/**
 * One card of the Home grid: a heading, an optional "see all" link to the page the
 * card summarises, and its body, or a skeleton while `pending`.
 */
export function HomeCard(props: {
  id: string;
  title: string;
  more?: { href: string; label: string };
  pending?: boolean;
  children: JSX.Element;
}) {
  return (
    <section class="card home-card" aria-labelledby={`${props.id}-title`} data-testid={props.id}>
      <div class="home-card-header">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <Show when={props.more}>
          {(more) => (
            <A class="home-card-more small" href={more().href}>
              {more().label}
            </A>
          )}
        </Show>
      </div>
      <Show when={!props.pending} fallback={<Skeleton label={props.title} lines={3} />}>
        {props.children}
      </Show>
    </section>
  );
}
