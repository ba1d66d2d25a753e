import { ComingSoon } from '../../ui/ComingSoon.js';

export function TasksPage() {
  return (
    <ComingSoon
      title="Tasks"
      summary="A task board for the team, editable offline."
      planned={[
        'Assignees, due dates, priorities and statuses',
        'Board and list views, and My tasks',
        'Reminders and gentle, opt-in follow-up nudges',
        'Create a task from a chat message or a doc selection',
      ]}
    />
  );
}
