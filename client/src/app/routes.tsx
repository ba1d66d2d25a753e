import { Route } from '@solidjs/router';
import { lazyPage } from './lazy-view.js';

// Every page is its own chunk: the editor, the board and the search index load with
// the page that needs them, not with the first screen [LOAD1].
const HomePage = lazyPage('Home', async () => (await import('./HomePage.js')).HomePage);
const ChatPage = lazyPage(
  'chat',
  async () => (await import('../features/chat/ChatPage.js')).ChatPage,
);
const DocsPage = lazyPage(
  'docs',
  async () => (await import('../features/docs/DocsPage.js')).DocsPage,
);
const TasksPage = lazyPage(
  'tasks',
  async () => (await import('../features/tasks/TasksPage.js')).TasksPage,
);
const ProjectPage = lazyPage(
  'project',
  async () => (await import('../features/tasks/ProjectPage.js')).ProjectPage,
);
const CalendarPage = lazyPage(
  'calendar',
  async () => (await import('../features/calendar/CalendarPage.js')).CalendarPage,
);
const CalendarRoomPage = lazyPage(
  'calendar',
  async () => (await import('../features/calendar/CalendarRoomPage.js')).CalendarRoomPage,
);
const InvitationPage = lazyPage(
  'invitation',
  async () => (await import('../features/calendar/invites/InvitationPage.js')).InvitationPage,
);
const SearchPage = lazyPage(
  'search',
  async () => (await import('../features/ai/SearchPage.js')).SearchPage,
);
const SettingsPage = lazyPage(
  'settings',
  async () => (await import('./SettingsPage.js')).SettingsPage,
);
const RoomPage = lazyPage(
  'room',
  async () => (await import('../features/rooms/RoomPage.js')).RoomPage,
);
const NotificationsPage = lazyPage(
  'notifications',
  async () => (await import('../features/notifications/NotificationsPage.js')).NotificationsPage,
);
const ContactsPage = lazyPage(
  'contacts',
  async () => (await import('../features/contacts/ContactsPage.js')).ContactsPage,
);
const ApprovalsPage = lazyPage(
  'approvals',
  async () => (await import('../features/approvals/ApprovalsPage.js')).ApprovalsPage,
);
const NewRequestPage = lazyPage(
  'new request',
  async () => (await import('../features/approvals/NewRequestPage.js')).NewRequestPage,
);
const RequestPage = lazyPage(
  'request',
  async () => (await import('../features/approvals/RequestPage.js')).RequestPage,
);
const NotFoundPage = lazyPage('page', async () => (await import('./NotFoundPage.js')).NotFoundPage);

/** The signed-in pages (see SignedInGate). */
export function AppRoutes() {
  return (
    <>
      <Route path="/" component={HomePage} />
      <Route path="/chat" component={ChatPage} />
      <Route path="/chat/:channelId" component={ChatPage} />
      <Route path="/docs" component={DocsPage} />
      <Route path="/docs/:id" component={DocsPage} />
      <Route path="/tasks" component={TasksPage} />
      <Route path="/tasks/:projectId" component={ProjectPage} />
      <Route path="/calendar" component={CalendarPage} />
      <Route path="/calendar/:id" component={CalendarRoomPage} />
      <Route path="/calendar/invitations/:calendarId/:eventId" component={InvitationPage} />
      <Route path="/search" component={SearchPage} />
      <Route path="/notifications" component={NotificationsPage} />
      <Route path="/contacts" component={ContactsPage} />
      <Route path="/approvals" component={ApprovalsPage} />
      <Route path="/approvals/new" component={NewRequestPage} />
      <Route path="/approvals/:id" component={RequestPage} />
      <Route path="/settings" component={SettingsPage} />
      <Route path="/rooms/:id" component={RoomPage} />
      <Route path="*" component={NotFoundPage} />
    </>
  );
}
