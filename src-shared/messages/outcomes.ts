// How a step of a plan ended, when it did not simply finish: why it did not
// run, and what changed on the engine since the plan was made (StepOutcome).
export default {
  en: {
    'outcome.waitsFor': 'waits for step {step} ({label}), which did not finish',
    'outcome.waitsForUnknown': 'waits for unknown step {step}',
    'outcome.cycle': 'waits in a cycle of steps',
    'outcome.none': 'no outcome reported',
    'outcome.forcedUntagRefused': 'a forced untag would delete the image on this engine ({engine}, {store} store)',
    'outcome.notCacheRecord': '{id} is not a build cache record ID: nothing was sent',
    'outcome.notBuildContainer': '{id} is not a full container ID: nothing was sent',
    'outcome.copyFailed': 'The trash could not keep a copy of {image} ({said}): nothing after it was removed.',
    'outcome.notTrashFile': 'Refused: {file} is not a file of this plan in Barnacle’s trash.',
    'outcome.trashDamaged':
      'The copy {entry} in the trash cannot be loaded ({said}): it is damaged. Nothing was restored; remove it from the trash.',
    'outcome.trashEntryChanged': 'The trash entry {entry} is not the one the plan saw: it was left.',
    'stale.buildContainer':
      'The build container {container} was made again since the preview: it is not the one you saw.',
    'stale.cacheKept':
      'The engine kept {record}: a build uses it now, or an image came to share its data, since the preview.',
    'outcome.cancelled': 'cancelled before it started',
    'outcome.engineLost': 'the engine stopped answering ({said})',
    'outcome.mayHaveHappened': '{what} It may or may not have happened.',
    'outcome.volumeFailed': 'Could not remove the volume {volume}: {said}',
    'outcome.said': '{said}',

    'stale.volume':
      'volume {volume} was made again after the plan (created {created}, not {planned}): its data is not what you ticked, so it stays.',
    'stale.volumeUnknownTime':
      'volume {volume} was made again after the plan (created at an unknown time, not {planned}): its data is not what you ticked, so it stays.',
    'stale.retagged':
      '{tag} now names another image ({now}, not {planned}): it was retagged after the plan was made, so it stays.',
    'stale.gainedTags': {
      one: '{image} gained the tag {tags} after the plan was made, so it stays. Preview again to include it.',
      other: '{image} gained the tags {tags} after the plan was made, so it stays. Preview again to include them.',
    },
    'stale.newContainers': {
      one: '{image} is now used by the container {containers}, made after the plan: the image stays. Preview again to decide about it.',
      other:
        '{image} is now used by containers {containers}, made after the plan: the image stays. Preview again to decide about them.',
    },
    'stale.lastTag':
      "{tag} is now the image's last tag (the others went after the plan was made): removing it would delete the image, so it stays.",
  },
  zh: {
    'outcome.waitsFor': '等待步骤 {step}（{label}），但它没有完成',
    'outcome.waitsForUnknown': '等待未知的步骤 {step}',
    'outcome.cycle': '步骤之间循环等待',
    'outcome.none': '没有报告结果',
    'outcome.forcedUntagRefused': '在这个引擎上（{engine}，{store} 存储）强制删除标签会把镜像一起删除',
    'outcome.notCacheRecord': '{id} 不是构建缓存记录 ID：没有发送任何请求',
    'outcome.notBuildContainer': '{id} 不是完整的容器 ID：没有发送任何请求',
    'outcome.copyFailed': '回收站无法保存 {image} 的副本（{said}）：其后的步骤都没有执行。',
    'outcome.notTrashFile': '已拒绝：{file} 不是此计划在 Barnacle 回收站中的文件。',
    'outcome.trashDamaged':
      '回收站中的副本 {entry} 无法载入（{said}）：它已损坏。没有恢复任何东西；请把它从回收站删除。',
    'outcome.trashEntryChanged': '回收站条目 {entry} 已不是计划看到的那个：已保留。',
    'stale.buildContainer': '构建容器 {container} 在预览之后被重新创建：它不是你看到的那个。',
    'stale.cacheKept': '引擎保留了 {record}：自预览以来，有构建在使用它，或有镜像开始共享它的数据。',
    'outcome.cancelled': '开始前已取消',
    'outcome.engineLost': '引擎停止了响应（{said}）',
    'outcome.mayHaveHappened': '{what} 该操作可能已执行，也可能没有。',
    'outcome.volumeFailed': '无法删除卷 {volume}：{said}',
    'outcome.said': '{said}',

    'stale.volume':
      '卷 {volume} 在制定计划后被重新创建（创建于 {created}，而非 {planned}）：其数据不是你勾选的那些，所以保留它。',
    'stale.volumeUnknownTime':
      '卷 {volume} 在制定计划后被重新创建（创建时间未知，而非 {planned}）：其数据不是你勾选的那些，所以保留它。',
    'stale.retagged': '{tag} 现在指向另一个镜像（{now}，而非 {planned}）：它在制定计划后被重新打了标签，所以保留它。',
    'stale.gainedTags': {
      other: '{image} 在制定计划后新增了标签 {tags}，所以保留它。请重新预览以包含这些标签。',
    },
    'stale.newContainers': {
      other: '{image} 现在被计划之后创建的容器 {containers} 使用：镜像保留。请重新预览后再决定如何处理。',
    },
    'stale.lastTag': '{tag} 现在是该镜像的最后一个标签（其他标签在制定计划后已删除）：删除它会删除镜像，所以保留它。',
  },
};
