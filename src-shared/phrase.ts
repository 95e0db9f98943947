// What main says to a person, as a catalogue key and its facts, never as
// words: the renderer and the CLI turn it into English or Chinese through
// src-shared/messages. A list parameter is joined the locale's way; a phrase
// parameter is translated in turn.

export type PhraseParam = string | number | Phrase | readonly (string | Phrase)[];
export type PhraseParams = Record<string, PhraseParam>;

export interface Phrase {
  /** A key of the message catalogue (src-shared/messages). */
  key: string;
  params?: PhraseParams;
}

export const phrase = (key: string, params?: PhraseParams): Phrase => (params ? { key, params } : { key });
