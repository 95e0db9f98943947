// Every screen's messages, merged per locale. Add a file per screen/area and
// list it here; keys are prefixed by area ("images.", "plan.", …).

import common from './common';

type Table = Record<string, string | Record<string, string>>;
const areas: { en: Table; zh: Table }[] = [common];

export const messages = {
  en: Object.assign({}, ...areas.map((a) => a.en)) as Table,
  zh: Object.assign({}, ...areas.map((a) => a.zh)) as Table,
};
