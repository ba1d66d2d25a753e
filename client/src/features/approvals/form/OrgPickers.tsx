import { createMemo, For } from 'solid-js';
import type { OrgChart } from '../../../../../shared/org/org-chart.js';
import { departmentTree } from '../../../workspace/org/org-tree.js';

interface PickerProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean | undefined;
  'aria-required': boolean | undefined;
  org: OrgChart | undefined;
  value: string;
  onChange: (id: string) => void;
}

/**
 * A native select over the org chart's active people, with their departments, so the
 * keyboard, type-ahead and screen readers work as everywhere else. A chosen person who
 * has since left stays listed (marked) so the form never shows a blank.
 */
export function PersonPicker(props: PickerProps) {
  const options = createMemo(() => {
    const chart = props.org;
    if (!chart) return [];
    const names = new Map(departmentTree(chart).map((r) => [r.department.id, r.department.name]));
    return chart.people
      .filter((p) => p.active || p.id === props.value)
      .map((p) => {
        const where = p.departmentIds.map((d) => names.get(d)).filter(Boolean);
        const suffix = `${where.length ? ` — ${where.join(', ')}` : ''}${p.active ? '' : ' (deactivated)'}`;
        return { id: p.id, label: `${p.name}${suffix}` };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
  });
  return <Picker {...props} options={options()} none="Choose a person…" loading={!props.org} />;
}

/** A native select over the department tree, each shown with its path. */
export function DepartmentPicker(props: PickerProps) {
  const options = createMemo(() =>
    props.org ? departmentTree(props.org).map((r) => ({ id: r.department.id, label: r.path })) : [],
  );
  return <Picker {...props} options={options()} none="Choose a department…" loading={!props.org} />;
}

function Picker(
  props: PickerProps & { options: { id: string; label: string }[]; none: string; loading: boolean },
) {
  return (
    <select
      id={props.id}
      class="input"
      aria-describedby={props['aria-describedby']}
      aria-invalid={props['aria-invalid']}
      aria-required={props['aria-required']}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      <option value="" selected={props.value === ''}>
        {props.loading ? 'Loading the organisation…' : props.none}
      </option>
      <For each={props.options}>
        {(option) => (
          <option value={option.id} selected={option.id === props.value}>
            {option.label}
          </option>
        )}
      </For>
    </select>
  );
}
