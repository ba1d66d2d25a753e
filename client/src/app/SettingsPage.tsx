import { useLocation } from '@solidjs/router';
import { createEffect, createResource, on, Show } from 'solid-js';
import { useApi, useSession } from '../auth/session-context.js';
import { FormError } from '../ui/FormError.js';
import { resourceError, resourceValue } from '../ui/resource-value.js';
import { AiSettingsSection } from '../features/ai/AiSettingsSection.js';
import { AuditSection } from '../features/settings/AuditSection.js';
import { ExportSection } from '../features/settings/ExportSection.js';
import { GroupsSection } from '../features/settings/GroupsSection.js';
import { InvitesSection } from '../features/settings/InvitesSection.js';
import { MembersSection } from '../features/settings/MembersSection.js';
import { StorageSection } from '../features/settings/StorageSection.js';
import { OrgSection } from '../features/settings/OrgSection.js';
import { OutOfOfficeSection } from '../features/settings/OutOfOfficeSection.js';
import { WorkingHoursSection } from '../features/calendar/availability/WorkingHoursSection.js';
import { TemplatesSection } from '../features/approvals/templates/TemplatesSection.js';
import { isAdminRole } from '../workspace/role-label.js';
import { usePeople } from '../workspace/workspace-context.js';
import { NotificationSettingsSection } from './NotificationSettingsSection.js';

/**
 * People, groups, invites and the audit log (the settings feature), then the AI
 * feature's section. Everyone but guests sees who is here; admins change it.
 */
export function SettingsPage() {
  const session = useSession();
  const api = useApi();
  const role = () => session.me()?.user.role ?? 'guest';
  const isAdmin = () => isAdminRole(role());
  const people = usePeople();
  const [groups, { refetch: refetchGroups }] = createResource(
    () => role() !== 'guest',
    () => api.groups(),
  );
  const changed = () => {
    void people.refresh();
    void refetchGroups();
    // An admin may have changed their own role or groups.
    void session.refresh();
  };

  // The page arrives as its own chunk after the navigation, so the browser's own jump
  // to #notifications found nothing: jump once the sections exist. Sections that load
  // later above it do not move it away (the browser's scroll anchoring keeps it).
  const location = useLocation();
  createEffect(
    on(
      () => location.hash,
      (hash) => {
        if (hash.length > 1)
          requestAnimationFrame(() =>
            document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView(),
          );
      },
    ),
  );

  return (
    <div class="page page-readable stack">
      <header class="page-header">
        <h1>Settings</h1>
        <p class="muted">
          People, groups, invites, notifications and export of {session.me()?.workspace.name}.
        </p>
      </header>
      <Show
        when={role() !== 'guest'}
        fallback={
          <p>
            You are a guest: you see the rooms shared with you by name. Ask an admin for anything
            else.
          </p>
        }
      >
        <FormError message={resourceError(groups)} />
        <MembersSection
          users={people.all()}
          groups={resourceValue(groups) ?? []}
          isAdmin={isAdmin()}
          me={session.me()}
          onChanged={changed}
        />
        <GroupsSection
          users={people.all()}
          groups={resourceValue(groups) ?? []}
          isAdmin={isAdmin()}
          onChanged={changed}
        />
        <OutOfOfficeSection />
        <WorkingHoursSection />
      </Show>
      <Show when={isAdmin()}>
        <OrgSection />
        <TemplatesSection />
        <InvitesSection groups={resourceValue(groups) ?? []} />
        <AuditSection />
      </Show>
      <NotificationSettingsSection />
      <ExportSection isAdmin={isAdmin()} />
      <StorageSection />
      <AiSettingsSection />
    </div>
  );
}
