// The tray model as a native menu template: the shape Electron's
// Menu.buildFromTemplate takes, built here without importing Electron so the
// mapping (which items click, which are checkboxes) is tested under Node.

import type { TrayActionId, TrayMenuModel } from './tray-menu';

/** The subset of Electron's MenuItemConstructorOptions the tray uses. */
export interface NativeMenuItem {
  id: string;
  type: 'normal' | 'separator' | 'checkbox';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

export function menuTemplate(model: TrayMenuModel, onAction: (id: TrayActionId) => void): NativeMenuItem[] {
  return model.items.map((item): NativeMenuItem => {
    switch (item.kind) {
      case 'separator':
        return { id: item.id, type: 'separator' };
      case 'status':
        return { id: item.id, type: 'normal', label: item.label, enabled: false };
      case 'toggle':
        return {
          id: item.id,
          type: 'checkbox',
          label: item.label,
          enabled: item.enabled,
          checked: item.checked,
          click: () => onAction(item.id),
        };
      case 'action':
        return {
          id: item.id,
          type: 'normal',
          label: item.label,
          enabled: item.enabled,
          click: () => onAction(item.id),
        };
    }
  });
}
