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

    'plan.title.policy': 'Policy “{name}”',
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
    'policy.error.nameTaken': 'A policy named “{name}” already exists: choose another name.',
    'policy.error.unknown': 'There is no policy named “{name}”.',
    'policy.note.automatic':
      'Run by its schedule: it never stops or removes containers, never forces and never touches volumes.',
  },
  zh: {
    'plan.reason.notUsedFor': '超过策略允许的时间未见使用',
    'plan.reason.leastRecentlyUsed': '存储超过阈值时，属于最久未使用的镜像',
    'skip.keepNewestCreated': '按构建日期，属于 {repo} 最新的 {count} 个标签',
    'skip.keepNewestUsed': '属于 {repo} 最近使用的 {count} 个标签',
    'plan.skipped.kind.kept-by-rule': '被规则保留',

    'plan.title.policy': '策略“{name}”',
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
  },
};
