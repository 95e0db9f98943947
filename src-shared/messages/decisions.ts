// What main's planner says about a conflict, its fixes, and what it leaves out
// (ConflictDecision.explanation, FixOption.label/consequence, SkippedItem.reason).
export default {
  en: {
    'decision.running.explanation': {
      one: '{image} is used by the running container {running}. An image cannot be deleted while a container runs from it, not even with force.',
      other:
        '{image} is used by the running containers {running}. An image cannot be deleted while a container runs from it, not even with force.',
    },
    'decision.stopped.explanation': {
      one: '{image} is used by the stopped container {containers}. The engine refuses to delete an image a container was made from.',
      other:
        '{image} is used by the stopped containers {containers}. The engine refuses to delete an image a container was made from.',
    },
    'decision.stopped.explanationPodman': {
      one: '{image} is used by the stopped container {containers}. The engine refuses to delete an image a container was made from. On Podman, forcing the delete would remove those containers too, so Barnacle never forces it: choose to remove them instead.',
      other:
        '{image} is used by the stopped containers {containers}. The engine refuses to delete an image a container was made from. On Podman, forcing the delete would remove those containers too, so Barnacle never forces it: choose to remove them instead.',
    },
    'decision.references.explanationSelected':
      '{image} has {count} tags. Removing one tag only untags it: the image and its space stay until every tag goes.',
    'decision.references.explanation':
      '{image} is tagged in {count} repositories. Deleting it by ID removes all of them, so the engine asks you to be sure.',
    'decision.children.explanation':
      'Other images were built on {image} ({children}): their layers sit on top of its layers, so it cannot go while they exist.',
    'decision.children.explanationBlocked':
      "Other images were built on {image} ({children}): their layers sit on top of its layers, so it cannot go while they exist. {user} is used by {containers}: remove that image's containers first.",

    'option.keepImage': 'Keep the image',
    'option.nothingChanges': 'Nothing changes.',
    'option.running.keep': 'Nothing changes: the containers keep running and the image stays.',
    'option.running.stopAndRemove': {
      one: 'Stop and remove the container, then the image',
      other: 'Stop and remove all {count} containers, then the image',
    },
    'option.running.stopAndRemoveConsequence':
      'Stops {running} and removes {containers}, with their writable layers; their volumes stay.',
    'option.stopped.keep': 'Nothing changes: the stopped containers can still be started.',
    'option.stopped.remove': {
      one: 'Remove the stopped container, then the image',
      other: 'Remove the stopped containers, then the image',
    },
    'option.stopped.removeConsequence': 'Removes {containers} with their writable layers; their volumes stay.',
    'option.stopped.force': 'Force-delete the image, keep the containers',
    'option.stopped.forceConsequence':
      'The containers stay but point at an image that no longer exists: they cannot be recreated, and Docker shows them with a bare ID.',
    'option.stopped.untagOnly': 'Keep the containers, remove only the tags',
    'option.stopped.untagOnlyConsequence':
      'The image stays (untagged) for the containers; no space is freed until they go.',
    'option.references.selected': 'Remove only {tags}',
    'option.references.selectedConsequence': 'The image stays under {others}; no space is freed.',
    'option.references.all': 'Remove every tag ({count}) and the image',
    'option.references.allConsequence': 'Removes {tags}, then the image itself.',
    'option.children.remove': {
      one: 'Remove the 1 image built on it too',
      other: 'Remove the {count} images built on it too',
    },
    'option.children.removeConsequence': 'Removes {children}, then {image}.',

    'skip.childrenStay': 'Images built on it stay: {images}.',
    'skip.keepPattern': 'matches the keep pattern {pattern}',
    'skip.noImage': 'No image {ref} on this engine.',
    'skip.noVolume': 'No volume {volume} on this engine.',
    'skip.cacheInUse': 'A build is using this record now.',
    'skip.cacheShared': 'An image shares its data: removing it would free nothing.',
    'skip.buildContainerRecent':
      'Build container {container} stays: it was made less than an hour ago, and Podman cannot tell a running build’s container from a failed one’s.',
    'skip.buildContainerNewer': 'Build container {container} stays: it was made after the cut-off you chose.',
    'skip.buildContainerBudget':
      'Build container {container} stays: Podman does not report its size, so a storage budget cannot count it. Plan without a budget to remove it.',
    'skip.imageHeldByBuild': {
      one: 'Stays: the build container {containers} that a Podman build left stands on it, and Podman refuses to remove the image while it exists. Clean up the build cache first to remove that container.',
      other:
        'Stays: the build containers {containers} that Podman builds left stand on it, and Podman refuses to remove the image while they exist. Clean up the build cache first to remove those containers.',
    },
    'skip.volumeInUse': {
      one: 'Volume {volume} stays: the container {containers} mounts it. A volume in use is never removed; remove that container first if the volume should go.',
      other:
        'Volume {volume} stays: the containers {containers} mount it. A volume in use is never removed; remove those containers first if the volume should go.',
    },
    'skip.ambiguous': '{ref} matches several images; use a longer ID.',
    'skip.noContainer': 'No container {ref} on this engine.',
    'skip.noTrashEntry': 'No entry {id} in the trash.',
    'skip.containerActive': '{name} is {state}: stop it first.',
  },
  zh: {
    'decision.running.explanation': {
      other: '{image} 正被运行中的容器 {running} 使用。容器运行时无法删除它所用的镜像，强制删除也不行。',
    },
    'decision.stopped.explanation': {
      other: '{image} 正被已停止的容器 {containers} 使用。引擎拒绝删除创建过容器的镜像。',
    },
    'decision.stopped.explanationPodman': {
      other:
        '{image} 正被已停止的容器 {containers} 使用。引擎拒绝删除创建过容器的镜像。在 Podman 上强制删除会连同这些容器一起删除，所以 Barnacle 从不强制删除：请改为选择删除这些容器。',
    },
    'decision.references.explanationSelected':
      '{image} 有 {count} 个标签。只删除一个标签只是取消该标签：镜像及其空间会保留，直到所有标签都被删除。',
    'decision.references.explanation':
      '{image} 在 {count} 个仓库中有标签。按 ID 删除会移除所有标签，所以引擎要求你确认。',
    'decision.children.explanation':
      '有其他镜像基于 {image} 构建（{children}）：它们的层叠在它的层之上，所以在它们存在时无法删除它。',
    'decision.children.explanationBlocked':
      '有其他镜像基于 {image} 构建（{children}）：它们的层叠在它的层之上，所以在它们存在时无法删除它。{user} 正被 {containers} 使用：请先删除该镜像的容器。',

    'option.keepImage': '保留镜像',
    'option.nothingChanges': '不做任何更改。',
    'option.running.keep': '不做任何更改：容器继续运行，镜像保留。',
    'option.running.stopAndRemove': { other: '停止并删除全部 {count} 个容器，然后删除镜像' },
    'option.running.stopAndRemoveConsequence': '停止 {running} 并删除 {containers}（连同其可写层）；它们的卷会保留。',
    'option.stopped.keep': '不做任何更改：已停止的容器仍可启动。',
    'option.stopped.remove': { other: '删除已停止的容器，然后删除镜像' },
    'option.stopped.removeConsequence': '删除 {containers}（连同其可写层）；它们的卷会保留。',
    'option.stopped.force': '强制删除镜像，保留容器',
    'option.stopped.forceConsequence': '容器会保留，但指向一个已不存在的镜像：它们无法重建，Docker 只会显示其 ID。',
    'option.stopped.untagOnly': '保留容器，只删除标签',
    'option.stopped.untagOnlyConsequence': '镜像（无标签）为这些容器保留；在容器删除前不会释放空间。',
    'option.references.selected': '只删除 {tags}',
    'option.references.selectedConsequence': '镜像仍以 {others} 保留；不会释放空间。',
    'option.references.all': '删除全部标签（{count} 个）和镜像',
    'option.references.allConsequence': '删除 {tags}，然后删除镜像本身。',
    'option.children.remove': { other: '同时删除基于它构建的 {count} 个镜像' },
    'option.children.removeConsequence': '删除 {children}，然后删除 {image}。',

    'skip.childrenStay': '基于它构建的镜像会保留：{images}。',
    'skip.keepPattern': '匹配保留模式 {pattern}',
    'skip.noImage': '此引擎上没有镜像 {ref}。',
    'skip.noVolume': '此引擎上没有卷 {volume}。',
    'skip.cacheInUse': '有构建正在使用这条记录。',
    'skip.cacheShared': '有镜像共享它的数据：删除它不会释放空间。',
    'skip.buildContainerRecent':
      '构建容器 {container} 保留：它创建于一小时之内，Podman 无法区分正在运行的构建的容器和失败构建留下的容器。',
    'skip.buildContainerNewer': '构建容器 {container} 保留：它创建于你选择的截止时间之后。',
    'skip.buildContainerBudget':
      '构建容器 {container} 保留：Podman 不报告它的大小，存储预算无法计入它。不设预算重新规划即可删除它。',
    'skip.imageHeldByBuild':
      '保留：Podman 构建留下的构建容器 {containers} 基于这个镜像，只要它们存在，Podman 就拒绝删除该镜像。请先清理构建缓存以删除这些容器。',
    'skip.volumeInUse': '卷 {volume} 保留：{containers} 挂载了它。请先删除这些容器。',
    'skip.ambiguous': '{ref} 匹配多个镜像；请使用更长的 ID。',
    'skip.noContainer': '此引擎上没有容器 {ref}。',
    'skip.noTrashEntry': '回收站中没有条目 {id}。',
    'skip.containerActive': '{name} 处于 {state} 状态：请先停止它。',
  },
};
