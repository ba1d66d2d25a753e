import { A } from '@solidjs/router';

export function NotFoundPage() {
  return (
    <div class="page page-readable stack">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <A href="/">Go to Home</A>.
      </p>
    </div>
  );
}
