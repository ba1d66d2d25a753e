import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';

export interface PopupItem {
  id: string;
  label: string;
  hint?: string;
}

/**
 * The floating list for the slash menu and @mentions: a listbox of options
 * under the caret; arrows move, Enter or Tab picks, Escape closes. Plain DOM,
 * because Tiptap calls it outside any Solid component.
 */
export function suggestionPopup<I extends PopupItem>(label: string) {
  return () => {
    let root: HTMLDivElement | null = null;
    let props: SuggestionProps<I> | null = null;
    let active = 0;

    const draw = () => {
      if (!root || !props) return;
      root.replaceChildren();
      const items = props.items;
      if (items.length === 0) {
        const empty = document.createElement('div');
        empty.className = 'suggestion-empty';
        empty.textContent = 'No matches';
        root.append(empty);
      }
      items.forEach((item, index) => {
        const option = document.createElement('div');
        option.id = `suggestion-${index}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', String(index === active));
        option.className = 'suggestion-item';
        option.textContent = item.label;
        if (item.hint) {
          const hint = document.createElement('span');
          hint.className = 'muted';
          hint.textContent = ` ${item.hint}`;
          option.append(hint);
        }
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          props?.command(item);
        });
        root?.append(option);
      });
      const rect = props.clientRect?.();
      if (rect) {
        root.style.left = `${rect.left + window.scrollX}px`;
        root.style.top = `${rect.bottom + window.scrollY + 4}px`;
      }
    };

    return {
      onStart(next: SuggestionProps<I>) {
        props = next;
        active = 0;
        root = document.createElement('div');
        root.className = 'suggestion-popup card';
        root.setAttribute('role', 'listbox');
        root.setAttribute('aria-label', label);
        document.body.append(root);
        draw();
      },
      onUpdate(next: SuggestionProps<I>) {
        props = next;
        active = Math.min(active, Math.max(0, next.items.length - 1));
        draw();
      },
      onKeyDown({ event }: SuggestionKeyDownProps): boolean {
        const count = props?.items.length ?? 0;
        if (event.key === 'Escape') {
          root?.remove();
          root = null;
          return true;
        }
        if (count === 0) return false;
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          active = (active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
          draw();
          return true;
        }
        if (event.key === 'Enter' || event.key === 'Tab') {
          const item = props?.items[active];
          if (item) props?.command(item);
          return true;
        }
        return false;
      },
      onExit() {
        root?.remove();
        root = null;
        props = null;
      },
    };
  };
}
