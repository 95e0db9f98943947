// Why main refused a request from the window or the tray: a malformed payload,
// no engine, a plan that no longer matches what was shown (src-main/ipc,
// planning/plan-registry.ts, core/plan-lifecycle.ts).
export default {
  en: {
    'request.malformed': 'Barnacle refused a malformed request: {issues}',
    'request.forbiddenSender': 'This request did not come from Barnacle’s own window.',
    'request.notConnected': 'The engine is not connected yet.',
    'request.planUnknown': 'This plan is no longer known (too old, or Barnacle restarted). Preview it again.',
    'request.planChanged': 'The plan changed since it was shown (its digest differs). Preview it again.',
    'request.planRunning': 'This plan is already running.',
    'request.planRan': 'This plan has already run. Preview again for a new one.',
    'request.planOtherEngine': 'This plan was made for {host}, not the engine now selected. Preview it again.',
    'request.notConfirmed': 'Not run: the plan was not confirmed. Nothing was changed.',
    'request.resumeUnknown': 'No plan with this id has run here, so there is nothing to resume.',
    'request.resumeFinished': 'That plan finished every step: there is nothing to resume.',
    'request.resumeOtherEngine':
      'That plan ran on {host}, not the engine now selected. Select that engine to resume it.',
  },
  zh: {
    'request.malformed': 'Barnacle 拒绝了一个格式不正确的请求：{issues}',
    'request.forbiddenSender': '这个请求不是来自 Barnacle 自己的窗口。',
    'request.notConnected': '尚未连接到引擎。',
    'request.planUnknown': '找不到这个计划了（已过期，或 Barnacle 重启过）。请重新预览。',
    'request.planChanged': '计划在显示之后发生了变化（摘要不一致）。请重新预览。',
    'request.planRunning': '这个计划已在运行中。',
    'request.planRan': '这个计划已经运行过。请重新预览以生成新计划。',
    'request.planOtherEngine': '这个计划是为 {host} 生成的，不是当前选中的引擎。请重新预览。',
    'request.notConfirmed': '未运行：计划未被确认，没有做任何更改。',
    'request.resumeUnknown': '这里没有运行过此 ID 的计划，因此没有可继续的内容。',
    'request.resumeFinished': '该计划的每一步都已完成，没有可继续的内容。',
    'request.resumeOtherEngine': '该计划是在 {host} 上运行的，不是当前选中的引擎。请先选择那个引擎再继续。',
  },
};
