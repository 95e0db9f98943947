// Main's own confirmation dialog before a destructive plan runs
// (src-main/core/main-confirmation.ts): asked outside the window, in main.
export default {
  en: {
    'confirm.startFresh': 'Removes every container and image on this engine.',
    'confirm.stops': 'Stops running containers: {names}',
    'confirm.volumes': 'Removes volumes and their data: {names}',
    'confirm.forced': 'Forces removal of: {names}',
    'confirm.question': 'Run this plan on {engine}?',
    'confirm.run': 'Run the plan',
    'confirm.cancel': 'Cancel',
  },
  zh: {
    'confirm.startFresh': '清空此引擎上的所有容器和镜像。',
    'confirm.stops': '停止正在运行的容器：{names}',
    'confirm.volumes': '删除卷及其数据：{names}',
    'confirm.forced': '强制删除：{names}',
    'confirm.question': '在 {engine} 上执行此计划？',
    'confirm.run': '执行',
    'confirm.cancel': '取消',
  },
};
