import { CycleTimeList } from '../../../shared/api/approval-records.js';
import {
  ActionResult,
  ApprovalCount,
  RelayKey,
  RequestDetail,
  RequestList,
  RoutePreview,
  TemplateList,
  TemplateRecord,
  type ActBody,
  type Box,
  type PreviewBody,
  type SubmitBody,
  type TemplateBody,
  type TemplateUpdateBody,
} from '../../../shared/api/approvals.js';
import type { ApiRequest } from './api-request.js';

const seg = encodeURIComponent;

/** The approvals endpoints (shared/api/approvals.ts). */
export function approvalsApi(request: ApiRequest) {
  return {
    key: () => request('GET', '/approvals/key', RelayKey),
    templates: () => request('GET', '/approvals/templates', TemplateList),
    createTemplate: (body: TemplateBody) =>
      request('POST', '/approvals/templates', TemplateRecord, body),
    updateTemplate: (id: string, body: TemplateUpdateBody) =>
      request('PUT', `/approvals/templates/${seg(id)}`, TemplateRecord, body),
    archiveTemplate: (id: string, archived: boolean) =>
      request('PUT', `/approvals/templates/${seg(id)}/archived`, TemplateRecord, { archived }),
    preview: (body: PreviewBody) => request('POST', '/approvals/preview', RoutePreview, body),
    submit: (body: SubmitBody) => request('POST', '/approvals/requests', ActionResult, body),
    act: (requestId: string, body: ActBody) =>
      request('POST', `/approvals/requests/${seg(requestId)}/actions`, ActionResult, body),
    request: (id: string) => request('GET', `/approvals/requests/${seg(id)}`, RequestDetail),
    list: (box: Box, before?: string) =>
      request(
        'GET',
        `/approvals/requests?box=${box}${before ? `&before=${seg(before)}` : ''}`,
        RequestList,
      ),
    count: () => request('GET', '/approvals/count', ApprovalCount),
    cycleTimes: () => request('GET', '/approvals/cycle-times', CycleTimeList),
  };
}
