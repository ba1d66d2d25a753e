import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { Icon } from '../ui/Icon.js';
import { navItems } from './nav-items.js';
import type { NavCounts } from './use-nav-counts.js';
import { badgeText } from './badge-text.js';

/** The main sections, with unread counts; a column in the rail, the bottom bar on phones. */
export function MainNav(props: { counts: NavCounts }) {
  return (
    <nav class="nav" aria-label="Main">
      <ul>
        <For each={navItems}>
          {(item) => (
            <li classList={{ 'nav-desktop-only': !item.phone }}>
              <A href={item.href} end={item.href === '/'} class="nav-link" activeClass="active">
                <Icon name={item.icon} />
                <span class="nav-label">{item.label}</span>
                <Show when={props.counts.of(item.href) > 0}>
                  <span class="nav-badge">
                    <span aria-hidden="true">{badgeText(props.counts.of(item.href))}</span>
                    <span class="visually-hidden">{` ${props.counts.of(item.href)} ${item.counts ?? 'unread'}`}</span>
                  </span>
                </Show>
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
