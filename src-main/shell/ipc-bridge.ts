// Registers the contract's handler table with ipcMain and forwards main's
// events to the window. Every call is checked against the sender's frame first.

import { ipcMain, type WebContents } from 'electron';
import {
  channels,
  eventChannel,
  invokeChannel,
  type EventMap,
  type EventName,
  type HandlerTable,
} from '../../src-shared/contract';
import { fail } from '../../src-shared/errors';
import { say } from '../../src-shared/messages/translate';
import { phrase } from '../../src-shared/phrase';
import { isTrustedSender } from '../security/window-policy';

export function registerHandlers(handlers: HandlerTable, origins: readonly string[]): () => void {
  for (const channel of channels) {
    ipcMain.handle(invokeChannel(channel), (event, args: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, origins, event.senderFrame === event.sender.mainFrame)) {
        // Not our window, so probably nobody reads it; still a phrase, as every refusal over IPC is.
        const says = phrase('request.forbiddenSender');
        return fail({ kind: 'forbidden-sender', message: say('en', says), says });
      }
      return handlers[channel](args);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(invokeChannel(channel));
  };
}

export function sendEvent<E extends EventName>(contents: WebContents, event: E, payload: EventMap[E]): void {
  if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
}
