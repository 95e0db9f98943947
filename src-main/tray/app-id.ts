// electron-builder.yml's appId. Windows shows an app's notifications (and lets
// the person mute them) by its AppUserModelID, which the installer gives the
// Start menu shortcut from appId: the running app must declare the same one.
// tests/unit/packaging.test.ts checks the two match.
export const APP_ID = 'dev.barnacle.app';
