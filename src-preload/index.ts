// The sandboxed preload: exposes exactly the contract's channels as
// `window.barnacle`, never ipcRenderer itself. Bundled to one CommonJS file
// whose only require is electron.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBarnacleApi } from '../src-shared/bridge';
import { eventChannel, invokeChannel } from '../src-shared/contract';

contextBridge.exposeInMainWorld(
  'barnacle',
  buildBarnacleApi({
    invoke: (channel, args) => ipcRenderer.invoke(invokeChannel(channel), args),
    subscribe: (event, listener) => {
      const forward = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(eventChannel(event), forward);
      return () => ipcRenderer.removeListener(eventChannel(event), forward);
    },
  }),
);
