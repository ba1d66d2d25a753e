import { Router } from '@solidjs/router';
import type { DocRegistry } from '../sync/doc-registry.js';
import { RegistryProvider } from '../sync/registry-context.js';
import { AppRoutes } from './routes.js';
import { Shell } from './Shell.js';

export function App(props: { registry: DocRegistry }) {
  return (
    <RegistryProvider registry={props.registry}>
      <Router root={Shell}>
        <AppRoutes />
      </Router>
    </RegistryProvider>
  );
}
