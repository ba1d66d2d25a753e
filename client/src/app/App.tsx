import { Route, Router } from '@solidjs/router';
import type { Api } from '../auth/api.js';
import { SessionProvider } from '../auth/session-context.js';
import type { SessionStore } from '../auth/session-store.js';
import { InvitePage } from '../features/account/InvitePage.js';
import { LoginPage } from '../features/account/LoginPage.js';
import { SetupPage } from '../features/account/SetupPage.js';
import type { PendingDocs } from '../features/docs/tree/pending-docs.js';
import { PendingDocsProvider } from '../features/docs/tree/pending-docs-context.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { RegistryProvider } from '../sync/registry-context.js';
import { AppRoutes } from './routes.js';
import { SignedInGate } from './SignedInGate.js';

export function App(props: {
  registry: DocRegistry;
  session: SessionStore;
  api: Api;
  pendingDocs: PendingDocs;
}) {
  return (
    <SessionProvider session={props.session} api={props.api}>
      <RegistryProvider registry={props.registry}>
        <PendingDocsProvider pending={props.pendingDocs}>
          <Router>
            <Route path="/setup" component={SetupPage} />
            <Route path="/login" component={LoginPage} />
            <Route path="/invite/:token" component={InvitePage} />
            <Route path="/" component={SignedInGate}>
              <AppRoutes />
            </Route>
          </Router>
        </PendingDocsProvider>
      </RegistryProvider>
    </SessionProvider>
  );
}
