import { Route } from '@solidjs/router';
import { ChatPage } from '../features/chat/ChatPage.js';
import { DocsPage } from '../features/docs/DocsPage.js';
import { HomePage } from './HomePage.js';
import { RoomPage } from '../features/rooms/RoomPage.js';
import { SettingsPage } from './SettingsPage.js';
import { ProjectPage } from '../features/tasks/ProjectPage.js';
import { TasksPage } from '../features/tasks/TasksPage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { SearchPage } from '../features/ai/SearchPage.js';
import { NotificationsPage } from '../features/notifications/NotificationsPage.js';
import { ContactsPage } from '../features/contacts/ContactsPage.js';

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
      <Route path="/search" component={SearchPage} />
      <Route path="/notifications" component={NotificationsPage} />
      <Route path="/contacts" component={ContactsPage} />
      <Route path="/settings" component={SettingsPage} />
      <Route path="/rooms/:id" component={RoomPage} />
      <Route path="*" component={NotFoundPage} />
    </>
  );
}
