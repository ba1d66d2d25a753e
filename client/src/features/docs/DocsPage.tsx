import { ComingSoon } from '../../ui/ComingSoon.js';

export function DocsPage() {
  return (
    <ComingSoon
      title="Docs"
      summary="Collaborative documents that live on your device. Until they land, use the team scratchpad on Home."
      planned={[
        'Rich text editing with live cursors',
        'Comments and @mentions',
        'Version history with restore',
        'Links to tasks, Markdown import and export',
      ]}
    />
  );
}
