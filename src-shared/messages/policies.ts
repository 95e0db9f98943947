// Policies: the rules' words in a plan (why an image goes or stays, what the
// storage threshold found), the Policies screen, the tray's line and the
// notifications, and the CLI's `barnacle policy`.
export default {
  en: {
    'plan.reason.notUsedFor': 'no use seen for longer than the policy allows',
    'plan.reason.leastRecentlyUsed': 'among the least recently used, while storage is over the threshold',
    'skip.keepNewestCreated': 'among the newest {count} tags of {repo}, by build date',
    'skip.keepNewestUsed': 'among the {count} most recently used tags of {repo}',
    'plan.skipped.kind.kept-by-rule': 'kept by a rule',

    'policy.note.policy': 'Policy “{name}”.',
    'policy.note.unusedFor':
      'Only images with no use seen for {age} (last use as Barnacle recorded it; with none seen, the image’s own date).',
    'policy.note.keepNewest.created': 'Keeps the newest {count} tags of each repository, by build date.',
    'policy.note.keepNewest.last-used': 'Keeps the {count} most recently used tags of each repository.',
    'policy.note.keepLabels': 'Keeps images labelled {labels}.',
    'policy.note.threshold.images-bytes.over':
      'Images take {measured}, over the threshold of {trigger}: the least recently used go first, until they take {target} or less. After this plan: {after}.',
    'policy.note.threshold.images-bytes.under':
      'Images take {measured}, under the threshold of {trigger}: nothing needs to go.',
    'policy.note.threshold.disk-free.over':
      'The engine’s disk has {measured} free, below the threshold of {trigger}: the least recently used go first, until {target} are free. After this plan: {after} free.',
    'policy.note.threshold.disk-free.under':
      'The engine’s disk has {measured} free, above the threshold of {trigger}: nothing needs to go.',
    'policy.note.short': 'Every unused image the rules allow goes, and the target is still not met.',
    'policy.note.automatic':
      'Run by its schedule: it never stops or removes containers, never forces and never touches volumes.',
    'policy.error.nameTaken': 'A policy named “{name}” exists already: choose another name.',
    'policy.error.unknown': 'There is no policy named “{name}”.',

    'policy.refused': 'Not run by itself: {reasons}. Review the plan in the window.',
    'policy.refused.notPrune': 'the plan is not a prune of unused images',
    'policy.refused.running': '{step} is used by a running container',
    'policy.failed.notConnected': 'no engine connected',
    'policy.failed.error': '{message}',

    'policy.notify.wouldFree': {
      one: 'Policy “{name}” would free {size} ({count} image)',
      other: 'Policy “{name}” would free {size} ({count} images)',
    },
    'policy.notify.freed': {
      one: 'Policy “{name}” freed {size} ({count} image)',
      other: 'Policy “{name}” freed {size} ({count} images)',
    },
    'policy.notify.freedPartly': 'Policy “{name}” freed {size}; {reason}',
    'policy.run.unfinished': { one: '{count} step did not finish', other: '{count} steps did not finish' },
    'policy.notify.nothing': 'Policy “{name}”: nothing to remove',
    'policy.notify.failed': 'Policy “{name}” did not run: {reason}',
    'policy.notify.review': 'Review',
    'policy.notify.showActivity': 'Show in Activity',
  },
  zh: {
    'plan.reason.notUsedFor': '超过策略允许的时间未见使用',
    'plan.reason.leastRecentlyUsed': '存储超过阈值时，属于最久未使用的镜像',
    'skip.keepNewestCreated': '按构建日期，属于 {repo} 最新的 {count} 个标签',
    'skip.keepNewestUsed': '属于 {repo} 最近使用的 {count} 个标签',
    'plan.skipped.kind.kept-by-rule': '被规则保留',

    'policy.note.policy': '策略“{name}”。',
    'policy.note.unusedFor':
      '只包括 {age} 内未见使用的镜像（按 Barnacle 记录的最后使用时间；未见使用时按镜像自身的日期）。',
    'policy.note.keepNewest.created': '按构建日期保留每个仓库最新的 {count} 个标签。',
    'policy.note.keepNewest.last-used': '保留每个仓库最近使用的 {count} 个标签。',
    'policy.note.keepLabels': '保留带有标签 {labels} 的镜像。',
    'policy.note.threshold.images-bytes.over':
      '镜像占用 {measured}，超过阈值 {trigger}：先删除最久未使用的，直到占用不超过 {target}。执行此计划后：{after}。',
    'policy.note.threshold.images-bytes.under': '镜像占用 {measured}，低于阈值 {trigger}：无需删除任何内容。',
    'policy.note.threshold.disk-free.over':
      '引擎磁盘剩余 {measured}，低于阈值 {trigger}：先删除最久未使用的，直到剩余 {target}。执行此计划后剩余：{after}。',
    'policy.note.threshold.disk-free.under': '引擎磁盘剩余 {measured}，高于阈值 {trigger}：无需删除任何内容。',
    'policy.note.short': '规则允许删除的未使用镜像已全部计入，仍未达到目标。',
    'policy.error.nameTaken': '已存在名为“{name}”的策略：请换一个名称。',
    'policy.error.unknown': '没有名为“{name}”的策略。',
    'policy.note.automatic': '按计划自动运行：从不停止或删除容器，从不强制删除，从不触碰卷。',

    'policy.refused': '未自动运行：{reasons}。请在窗口中查看计划。',
    'policy.refused.notPrune': '该计划不是清理未使用镜像',
    'policy.refused.running': '{step} 正被运行中的容器使用',
    'policy.failed.notConnected': '未连接引擎',
    'policy.failed.error': '{message}',

    'policy.notify.wouldFree': '策略“{name}”可释放 {size}（{count} 个镜像）',
    'policy.notify.freed': '策略“{name}”已释放 {size}（{count} 个镜像）',
    'policy.notify.freedPartly': '策略“{name}”已释放 {size}；{reason}',
    'policy.run.unfinished': '{count} 个步骤未完成',
    'policy.notify.nothing': '策略“{name}”：没有需要删除的内容',
    'policy.notify.failed': '策略“{name}”未运行：{reason}',
    'policy.notify.review': '查看',
    'policy.notify.showActivity': '在活动中查看',
  },
};
