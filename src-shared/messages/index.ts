// Every screen's messages, merged per locale. Add a file per screen/area and
// list it here; keys are prefixed by area ("images.", "plan.", …).

import common from './common';
import plan from './plan';
import fix from './fix';
import prune from './prune';
import activity from './activity';
import decisions from './decisions';
import cli from './cli';
import cliUsage from './cli-usage';
import input from './input';
import address from './address';
import contexts from './contexts';
import fleet from './fleet';
import fleetCli from './fleet-cli';
import space from './space';
import failures from './failures';
import outcomes from './outcomes';
import tray from './tray';
import health from './health';
import confirm from './confirm';
import requests from './requests';
import shell from './shell';
import overview from './overview';
import images from './images';
import containers from './containers';
import volumes from './volumes';
import buildCache from './build-cache';
import settings from './settings';
import settingsEngines from './settings-engines';
import disk from './disk';
import trash from './trash';
import policies from './policies';
import policiesScreen from './policies-screen';

type Table = Record<string, string | Record<string, string>>;
const areas: { en: Table; zh: Table }[] = [
  common,
  shell,
  overview,
  images,
  containers,
  volumes,
  buildCache,
  settings,
  settingsEngines,
  plan,
  fix,
  prune,
  activity,
  decisions,
  cli,
  cliUsage,
  input,
  address,
  contexts,
  fleet,
  fleetCli,
  space,
  failures,
  outcomes,
  tray,
  health,
  confirm,
  requests,
  disk,
  trash,
  policies,
  policiesScreen,
];

export const messages = {
  en: Object.assign({}, ...areas.map((a) => a.en)) as Table,
  zh: Object.assign({}, ...areas.map((a) => a.zh)) as Table,
};
