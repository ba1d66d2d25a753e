import type { JSX } from 'solid-js';

/** The frame of the pages shown before anyone is signed in: one card, centred. */
export function AuthLayout(props: { title: string; children: JSX.Element }) {
  return (
    <main id="main" class="auth-page" tabindex="-1">
      <div class="auth-card card stack">
        <p class="brand">
          <span class="brand-mark" aria-hidden="true" />
          Workspace
        </p>
        <h1>{props.title}</h1>
        {props.children}
      </div>
    </main>
  );
}
