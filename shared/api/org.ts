/**
 * Bodies and answers of the org chart API (relay: routes/org-route.ts; rules:
 * shared/protocol/ORG.md). Every mutation answers with the whole chart as it is now.
 *
 * | method | path                               | who       | body / result                      |
 * |--------|------------------------------------|-----------|------------------------------------|
 * | GET    | /api/org                           | non-guest | → OrgChart [ORG2]                  |
 * | POST   | /api/org/departments               | admin     | DepartmentCreateBody → OrgChart    |
 * | PATCH  | /api/org/departments/:id           | admin     | DepartmentUpdateBody → OrgChart    |
 * | DELETE | /api/org/departments/:id           | admin     | → OrgChart (409 with children)     |
 * | PUT    | /api/org/departments/:id/heads     | admin     | PeopleBody → OrgChart              |
 * | PUT    | /api/org/departments/:id/members   | admin     | PeopleBody → OrgChart              |
 * | PUT    | /api/org/people/:id/manager        | admin     | ManagerBody → OrgChart             |
 * | PUT    | /api/org/delegation                | non-guest | DelegationBody → OrgChart (own)    |
 * | DELETE | /api/org/delegation                | non-guest | → OrgChart (back in office)        |
 * | POST   | /api/org/import                    | admin     | OrgImportBody → OrgImportResult    |
 */
import { z } from 'zod';

const Name = z.string().trim().min(1, 'a name is required').max(200);
const Id = z.string().min(1).max(100);

export const DepartmentCreateBody = z.object({ name: Name, parentId: Id.nullable() });
export type DepartmentCreateBody = z.infer<typeof DepartmentCreateBody>;

/** `position`: the place among its (new) siblings, 0 first. */
export const DepartmentUpdateBody = z
  .object({
    name: Name.optional(),
    parentId: Id.nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change');
export type DepartmentUpdateBody = z.infer<typeof DepartmentUpdateBody>;

export const PeopleBody = z.object({ userIds: z.array(Id).max(5000) });
export type PeopleBody = z.infer<typeof PeopleBody>;

export const ManagerBody = z.object({ managerId: Id.nullable() });
export type ManagerBody = z.infer<typeof ManagerBody>;

/** Out of office from `from` (included) until `until` (excluded), ISO dates. */
export const DelegationBody = z
  .object({ delegateId: Id, from: z.iso.date(), until: z.iso.date() })
  .refine((b) => b.from < b.until, 'the delegation must end after it starts');
export type DelegationBody = z.infer<typeof DelegationBody>;

/** A CSV file as text (README: "Organisation"); under the API's 64 KiB body limit. */
export const OrgImportBody = z.object({ csv: z.string().max(60_000), dryRun: z.boolean() });
export type OrgImportBody = z.infer<typeof OrgImportBody>;

export const OrgImportError = z.object({ line: z.number().int(), reason: z.string() });
export type OrgImportError = z.infer<typeof OrgImportError>;

export const OrgImportResult = z.object({
  applied: z.boolean(),
  errors: z.array(OrgImportError),
  /** What the file does (or would do): rows read, people it names, departments it creates. */
  summary: z.object({
    rows: z.number().int(),
    people: z.number().int(),
    departmentsCreated: z.array(z.string()),
  }),
});
export type OrgImportResult = z.infer<typeof OrgImportResult>;
