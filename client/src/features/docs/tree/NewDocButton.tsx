import { useNavigate } from '@solidjs/router';
import { useApi, useSession } from '../../../auth/session-context.js';
import { FormError } from '../../../ui/FormError.js';
import { useAction } from '../../../ui/use-action.js';
import { accessForVisibility, noAccess } from '../../../workspace/rooms/room-access.js';
import { useDocs } from '../docs-context.js';
import { createDoc } from './create-doc.js';

/**
 * "+ New doc" in the list's header, as Notion's "+ New page": an untitled doc that
 * everyone can edit (the docs default), opened at once to be named in place. The form
 * in the list stays for a title and another visibility chosen up front.
 */
export function NewDocButton() {
  const api = useApi();
  const session = useSession();
  const docs = useDocs();
  const navigate = useNavigate();
  const create = useAction(async () => {
    const id = await createDoc(
      { api, session, pending: docs.pending },
      {
        title: 'Untitled',
        parentId: null,
        access: accessForVisibility('everyone-write', noAccess),
      },
    );
    navigate(`/docs/${id}`);
  });
  return (
    <>
      <button
        type="button"
        class="button button-primary button-small docs-new"
        disabled={create.busy()}
        onClick={() => create.run()}
      >
        <span aria-hidden="true">+</span> New doc
      </button>
      <FormError message={create.error()} />
    </>
  );
}
