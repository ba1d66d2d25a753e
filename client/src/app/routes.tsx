import { Route } from '@solidjs/router';
import { ChatPage } from '../features/chat/ChatPage.js';
import { DocsPage } from '../features/docs/DocsPage.js';
import { HomePage } from '../features/home/HomePage.js';
import { TasksPage } from '../features/tasks/TasksPage.js';
import { NotFoundPage } from './NotFoundPage.js';

export function AppRoutes() {
  return (
    <>
      <Route path="/" component={HomePage} />
      <Route path="/chat" component={ChatPage} />
      <Route path="/docs" component={DocsPage} />
      <Route path="/tasks" component={TasksPage} />
      <Route path="*" component={NotFoundPage} />
    </>
  );
}
