// What went wrong when the engine refused or failed, in plain words
// (BarnacleError.says, from src-main/conflicts/messages.ts). The engine's own
// message is shown beside it, verbatim.
export default {
  en: {
    'failure.op.remove-image': 'remove the image',
    'failure.op.untag': 'remove the tag',
    'failure.op.stop-container': 'stop the container',
    'failure.op.start-container': 'start the container',
    'failure.op.remove-container': 'remove the container',
    'failure.op.prune-images': 'prune images',
    'failure.op.prune-containers': 'prune stopped containers',
    'failure.op.prune-build-cache': 'prune the build cache',
    'failure.op.list': 'list images and containers',
    'failure.op.connect': 'connect to the engine',

    'failure.theImage': 'The image {id}',
    'failure.theImageUnnamed': 'The image',
    'failure.theImageLower': 'the image {id}',
    'failure.thisImage': 'this image',
    'failure.theContainer': 'The container {name}',
    'failure.theContainerUnnamed': 'The container',
    'failure.thisTag': 'This tag',
    'failure.which.running': 'the running container {name}',
    'failure.which.stopped': 'the stopped container {name}',
    'failure.which.plain': 'the container {name}',
    'failure.which.any': 'a container',

    'failure.usedByRunning': {
      one: '{image} is used by the running container {containers}. Stop and remove that container first, or keep the image.',
      other:
        '{image} is used by the running containers {containers}. Stop and remove those containers first, or keep the image.',
    },
    'failure.usedByStopped': {
      one: '{image} is used by the stopped container {containers}. Remove that container first, or keep the image.',
      other:
        '{image} is used by the stopped containers {containers}. Remove those containers first, or keep the image.',
    },
    'failure.usedByStoppedExternal': {
      one: '{image} is used by the stopped container {containers}. Remove that container first, or keep the image. (Barnacle does not see {unknown} in the container list: it may be a build container left by Podman or Buildah; `podman ps --all --external` shows it.)',
      other:
        '{image} is used by the stopped containers {containers}. Remove those containers first, or keep the image. (Barnacle does not see {unknown} in the container list: it may be a build container left by Podman or Buildah; `podman ps --all --external` shows it.)',
    },
    'failure.multipleReferences':
      '{image} has more than one tag, so removing it by ID would drop them all. Remove the tags one by one (the image goes with its last tag), or keep the image.',
    'failure.multipleReferencesTags':
      '{image} has more than one tag ({tags}), so removing it by ID would drop them all. Remove the tags one by one (the image goes with its last tag), or keep the image.',
    'failure.referenceInUse':
      '{tag} is the last tag of an image that {which} uses: removing it would leave the image on disk without a name. Remove that container first, or keep the tag.',
    'failure.dependentChildren':
      'Other images were built on top of {image}, so the engine cannot delete it, even with force. Delete those child images first, or keep it.',
    'failure.removalInProgress':
      '{container} is already being removed (by another program or an earlier request). It will be gone in a moment; refresh the list.',
    'failure.containerGone':
      'The container {name} no longer exists: something else removed it. Refresh the list; there is nothing left to do for it.',
    'failure.imageGone':
      'The image {id} no longer exists: something else removed it. Refresh the list; there is nothing left to delete.',
    'failure.somethingGone': 'What Barnacle tried to {what} no longer exists. Refresh the list.',
    'failure.pruneRunning':
      'Another prune is already running on this engine. Wait for it to finish and refresh the list; prune again only if something is left.',
    'failure.imageInUseBy':
      '{image} cannot be removed while the {state} container {name} uses it. Stop and remove that container first, or keep the image.',
    'failure.containerActive':
      'The container {name} is {state}, so it cannot be removed. Stop it first, then remove it.',
    'failure.containerPaused':
      'The container {name} is {state}, so it cannot be removed. Unpause and stop it first, then remove it.',
    'failure.unreachable': '{engine} did not answer. Check that it is running, then try again.',
    'failure.unreachableCode': '{engine} did not answer ({code}). Check that it is running, then try again.',
    'failure.permission':
      'Permission denied on {engine}\'s socket. Give your user access to the engine (for Docker on Linux, the "docker" group), then try again.',
    'failure.permissionCode':
      'Permission denied on {engine}\'s socket ({code}). Give your user access to the engine (for Docker on Linux, the "docker" group), then try again.',
    'failure.apiVersion':
      '{engine} refused the API version Barnacle asked for: {said}. Reconnect so Barnacle pins a version this engine speaks, or update the engine.',
    'failure.alreadyRunning': 'Nothing changed: the container was already running.',
    'failure.alreadyStopped': 'Nothing changed: the container was already stopped.',
    'failure.couldNot': '{engine} could not {what}: {said}',
    'failure.couldNotStatus': '{engine} could not {what} (HTTP {status}): {said}',
    'failure.couldNotSilent': '{engine} could not {what}, and gave no reason.',
    'failure.couldNotStatusSilent': '{engine} could not {what} (HTTP {status}), and gave no reason.',
  },
  zh: {
    'failure.op.remove-image': '删除镜像',
    'failure.op.untag': '删除标签',
    'failure.op.stop-container': '停止容器',
    'failure.op.start-container': '启动容器',
    'failure.op.remove-container': '删除容器',
    'failure.op.prune-images': '清理镜像',
    'failure.op.prune-containers': '清理已停止的容器',
    'failure.op.prune-build-cache': '清理构建缓存',
    'failure.op.list': '列出镜像和容器',
    'failure.op.connect': '连接引擎',

    'failure.theImage': '镜像 {id}',
    'failure.theImageUnnamed': '该镜像',
    'failure.theImageLower': '镜像 {id}',
    'failure.thisImage': '该镜像',
    'failure.theContainer': '容器 {name}',
    'failure.theContainerUnnamed': '该容器',
    'failure.thisTag': '该标签',
    'failure.which.running': '运行中的容器 {name}',
    'failure.which.stopped': '已停止的容器 {name}',
    'failure.which.plain': '容器 {name}',
    'failure.which.any': '某个容器',

    'failure.usedByRunning': {
      other: '{image} 正被运行中的容器 {containers} 使用。请先停止并删除这些容器，或保留该镜像。',
    },
    'failure.usedByStopped': {
      other: '{image} 正被已停止的容器 {containers} 使用。请先删除这些容器，或保留该镜像。',
    },
    'failure.usedByStoppedExternal': {
      other:
        '{image} 正被已停止的容器 {containers} 使用。请先删除这些容器，或保留该镜像。（Barnacle 在容器列表中看不到 {unknown}：它可能是 Podman 或 Buildah 留下的构建容器；`podman ps --all --external` 可以显示它。）',
    },
    'failure.multipleReferences':
      '{image} 有多个标签，按 ID 删除会删掉所有标签。请逐个删除标签（删除最后一个标签时镜像随之删除），或保留该镜像。',
    'failure.multipleReferencesTags':
      '{image} 有多个标签（{tags}），按 ID 删除会删掉所有标签。请逐个删除标签（删除最后一个标签时镜像随之删除），或保留该镜像。',
    'failure.referenceInUse':
      '{tag} 是 {which} 所用镜像的最后一个标签：删除它会让该镜像无名地留在磁盘上。请先删除该容器，或保留该标签。',
    'failure.dependentChildren':
      '有其他镜像基于{image}构建，所以引擎无法删除它，强制删除也不行。请先删除这些子镜像，或保留它。',
    'failure.removalInProgress': '{container} 已在删除中（由其他程序或之前的请求发起）。它很快就会消失；请刷新列表。',
    'failure.containerGone': '容器 {name} 已不存在：已被其他程序删除。请刷新列表；无需再做任何事。',
    'failure.imageGone': '镜像 {id} 已不存在：已被其他程序删除。请刷新列表；没有需要删除的了。',
    'failure.somethingGone': 'Barnacle 想要{what}的对象已不存在。请刷新列表。',
    'failure.pruneRunning': '此引擎上已有另一个清理在运行。请等它完成后刷新列表；仍有剩余时再清理。',
    'failure.imageInUseBy':
      '{state} 状态的容器 {name} 正在使用{image}，因此无法删除。请先停止并删除该容器，或保留该镜像。',
    'failure.containerActive': '容器 {name} 处于 {state} 状态，因此无法删除。请先停止它，再删除。',
    'failure.containerPaused': '容器 {name} 处于 {state} 状态，因此无法删除。请先恢复并停止它，再删除。',
    'failure.unreachable': '{engine} 没有响应。请确认它正在运行，然后重试。',
    'failure.unreachableCode': '{engine} 没有响应（{code}）。请确认它正在运行，然后重试。',
    'failure.permission':
      '访问 {engine} 的套接字被拒绝。请授予你的用户访问引擎的权限（Linux 上的 Docker：加入 "docker" 组），然后重试。',
    'failure.permissionCode':
      '访问 {engine} 的套接字被拒绝（{code}）。请授予你的用户访问引擎的权限（Linux 上的 Docker：加入 "docker" 组），然后重试。',
    'failure.apiVersion':
      '{engine} 拒绝了 Barnacle 请求的 API 版本：{said}。请重新连接，让 Barnacle 固定一个此引擎支持的版本，或更新引擎。',
    'failure.alreadyRunning': '没有任何变化：容器本来就在运行。',
    'failure.alreadyStopped': '没有任何变化：容器本来就已停止。',
    'failure.couldNot': '{engine} 无法{what}：{said}',
    'failure.couldNotStatus': '{engine} 无法{what}（HTTP {status}）：{said}',
    'failure.couldNotSilent': '{engine} 无法{what}，且没有给出原因。',
    'failure.couldNotStatusSilent': '{engine} 无法{what}（HTTP {status}），且没有给出原因。',
  },
};
