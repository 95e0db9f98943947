// Guided fix-it flows: the five conflicts and the engine problems.
export default {
  en: {
    'fix.engineSays': 'What {engine} says',
    'fix.barnacleSaw': 'What Barnacle saw',
    'fix.options.legend': 'How to fix it',
    'fix.commands.heading': 'The same with docker',
    'fix.commands.none': 'No command: nothing changes.',
    'fix.involved.containers': 'Containers',
    'fix.involved.tags': 'Tags',
    'fix.involved.children': 'Built on it',
    'fix.container.running': 'running',
    'fix.container.stopped': 'stopped',
    'fix.tag.selected': 'selected',

    'fix.running-container.title': { one: 'Used by a running container', other: 'Used by running containers' },
    'fix.running-container.explain': {
      one: '{image} is used by the running container {containers}. An image cannot be deleted while a container runs from it, not even with force.',
      other:
        '{image} is used by the running containers {containers}. An image cannot be deleted while containers run from it, not even with force.',
    },
    'fix.stopped-container.title': { one: 'Used by a stopped container', other: 'Used by stopped containers' },
    'fix.stopped-container.explain': {
      one: '{image} is used by the stopped container {containers}. The engine refuses to delete an image a container was made from, even a stopped one.',
      other:
        '{image} is used by the stopped containers {containers}. The engine refuses to delete an image containers were made from, even stopped ones.',
    },
    'fix.stopped-container.podman':
      'On Podman, forcing the delete would remove those containers too, so Barnacle never forces it: choose to remove them instead.',
    'fix.multiple-references.title': 'Tagged more than once',
    'fix.multiple-references.explainTag':
      '{image} has {count} tags. Removing one tag only untags it: the image and its space stay until every tag goes.',
    'fix.multiple-references.explainId':
      '{image} is tagged in {count} repositories. Deleting it by ID removes all of them, so the engine asks you to be sure.',
    'fix.reference-in-use.title': 'Its last tag is in use',
    'fix.reference-in-use.explain': {
      one: '{image} is the last tag of an image the container {containers} uses. Removing it would leave that container’s image without a name, so the engine refuses unless forced.',
      other:
        '{image} is the last tag of an image the containers {containers} use. Removing it would leave their image without a name, so the engine refuses unless forced.',
    },
    'fix.dependent-children.title': 'Other images are built on it',
    'fix.dependent-children.explain': {
      one: 'An image was built on {image} ({children}): its layers sit on top of this image’s layers, so this one cannot go while it exists, not even with force.',
      other:
        '{count} images were built on {image} ({children}): their layers sit on top of this image’s layers, so this one cannot go while they exist, not even with force.',
    },
    'fix.dependent-children.blocked':
      'One of them is used by a container, so Barnacle cannot offer to remove them: remove that container first.',

    'fix.option.keep-image': 'Keep the image',
    'fix.option.skip': 'Keep the image',
    'fix.option.stop-and-remove-containers': {
      one: 'Stop and remove the container, then the image',
      other: 'Stop and remove all {count} containers, then the image',
    },
    'fix.option.remove-containers': {
      one: 'Remove the stopped container, then the image',
      other: 'Remove the {count} stopped containers, then the image',
    },
    'fix.option.force-delete': 'Force-delete the image, keep the containers',
    'fix.option.untag-only': 'Keep the containers, remove only the tags',
    'fix.option.selected-tag': 'Remove only {tags}',
    'fix.option.all-tags': 'Remove every tag ({count}) and the image',
    'fix.option.remove-children': {
      one: 'Remove the image built on it too',
      other: 'Remove the {count} images built on it too',
    },

    'fix.keep.running-container': 'Nothing changes: the containers keep running and the image stays.',
    'fix.keep.stopped-container': 'Nothing changes: the stopped containers can still be started.',
    'fix.keep.multiple-references': 'Nothing changes: the image keeps all its tags.',
    'fix.keep.reference-in-use': 'Nothing changes: the tag and the containers stay.',
    'fix.keep.dependent-children': 'Nothing changes: the image and the images built on it stay.',
    'fix.consequence.stop-and-remove-containers': {
      one: 'Stops {running} and removes it with its writable layer; its volumes stay.',
      other: 'Stops {running} and removes {all} with their writable layers; their volumes stay.',
    },
    'fix.consequence.remove-containers': {
      one: 'Removes {all} with its writable layer; its volumes stay.',
      other: 'Removes {all} with their writable layers; their volumes stay.',
    },
    'fix.consequence.force-delete':
      'The containers stay but point at an image that no longer exists: they cannot be recreated, and {engine} shows them with a bare ID.',
    'fix.consequence.untag-only': 'The image stays, untagged, for the containers; no space is freed until they go.',
    'fix.consequence.selected-tag': 'The image stays under {others}; no space is freed.',
    'fix.consequence.all-tags': 'Removes {tags}, then the image itself.',
    'fix.consequence.remove-children': 'Removes {children}, then {image}.',

    'fix.live.title': '{image} cannot go as it is',
    'fix.live.lead': 'Here is what happened, and the ways out. Nothing changes until you preview a fix and confirm it.',
    'fix.live.keep': 'Keep it',
    'fix.live.preview': 'Preview this fix',
    'fix.live.loading': 'Asking the planner for the fixes…',
    'fix.live.changed':
      'Planned again just now, this removal meets that conflict no more: things changed since. Preview it again to see what it would do now.',
    'fix.live.previewAgain': 'Preview again',

    'fix.engine.dialogTitle': 'Barnacle cannot reach the engine',
    'fix.engine.legend': 'What you can do',
    'fix.engine.commands': 'Run in a terminal',
    'fix.engine.retry': 'Try again',
    'fix.engine.retrying': 'Connecting…',
    'fix.engine.not-running.title': 'The engine is not running',
    'fix.engine.not-running.explain':
      'The socket at {host} exists, but nothing answers on it: Docker (or Podman) is stopped. Barnacle reconnects by itself once it runs.',
    'fix.engine.not-running.service': 'Start the Docker service',
    'fix.engine.not-running.service.why': 'Starts the engine now and at every boot (Linux with systemd).',
    'fix.engine.not-running.desktop': 'Open Docker Desktop, Colima, Rancher Desktop or OrbStack',
    'fix.engine.not-running.desktop.why':
      'These run the engine in a small virtual machine; it takes a moment to start.',
    'fix.engine.not-running.podman': 'Start Podman’s socket',
    'fix.engine.not-running.podman.why': 'Podman has no daemon: its API socket starts on demand once enabled.',
    'fix.engine.socket-missing.title': 'No engine socket there',
    'fix.engine.socket-missing.explain':
      'There is no socket at {host}: the engine is not installed, not started, or listens somewhere else.',
    'fix.engine.socket-missing.service': 'Start the engine',
    'fix.engine.socket-missing.service.why': 'Its socket appears when it starts.',
    'fix.engine.socket-missing.context': 'Find the socket your docker CLI uses',
    'fix.engine.socket-missing.context.why':
      'Barnacle follows DOCKER_HOST and the current docker context; another engine can be picked in Settings.',
    'fix.engine.socket-missing.dockerHost': 'Point DOCKER_HOST at the socket',
    'fix.engine.socket-missing.dockerHost.why': 'Then start Barnacle from that shell (rootless Docker’s socket shown).',
    'fix.engine.permission-denied.title': 'No permission to use the engine',
    'fix.engine.permission-denied.explain':
      'The socket at {host} exists, but your user may not open it: on Linux it belongs to root and the docker group.',
    'fix.engine.permission-denied.group': 'Add yourself to the docker group',
    'fix.engine.permission-denied.group.why':
      'Members of the docker group can control this computer as root. Log out and in for it to apply everywhere.',
    'fix.engine.permission-denied.rootless': 'Use rootless Docker',
    'fix.engine.permission-denied.rootless.why': 'The engine runs as you, without root rights, with its own images.',
    'fix.engine.permission-denied.podman': 'Use Podman’s user socket',
    'fix.engine.permission-denied.podman.why': 'Rootless by default; Barnacle speaks its Docker-compatible API.',
    'fix.engine.unreachable.title': 'The engine does not answer',
    'fix.engine.unreachable.explain': 'Barnacle could not talk to the engine at {host}.',
    'fix.engine.unreachable.ping': 'Check that the docker CLI reaches it',
    'fix.engine.unreachable.ping.why': 'If the CLI answers, compare its context with the endpoint Barnacle uses.',
    'fix.engine.unreachable.service': 'Restart the engine',
    'fix.engine.unreachable.service.why': 'Starts the engine now and at every boot (Linux with systemd).',
    'fix.engine.host-key-unknown.title': 'An SSH host Barnacle does not know yet',
    'fix.engine.host-key-unknown.explain':
      'The host behind {host} is not in your known_hosts, so nothing shows it is the right machine. It offered the key {fingerprint}.',
    'fix.engine.host-key-unknown.trust': 'Check the key, then connect once with ssh',
    'fix.engine.host-key-unknown.trust.why':
      'Run the first command on the host itself (or ask its administrator) and compare fingerprints. ssh then asks whether to trust the key: answer “yes” only if they match.',
    'fix.engine.host-key-unknown.scan': 'Check the key, then add it with ssh-keyscan',
    'fix.engine.host-key-unknown.scan.why':
      'Adds the key the host offers now to your known_hosts without asking: run it only once the fingerprints match.',
    'fix.engine.host-key-changed.title': 'The SSH host’s key has changed',
    'fix.engine.host-key-changed.explain':
      'The host behind {host} now offers the key {fingerprint}, which your known_hosts does not list for it. Someone may be intercepting the connection, or the host was reinstalled.',
    'fix.engine.host-key-changed.forget': 'Only if the administrator confirms the new key: replace the old one',
    'fix.engine.host-key-changed.forget.why':
      'Removes the old key from known_hosts; ssh then asks about the new one: answer “yes” only if its fingerprint is the one the administrator gave you.',
    'fix.engine.host-key-revoked.title': 'The SSH host’s key is revoked',
    'fix.engine.host-key-revoked.explain':
      'The host behind {host} offered the key {fingerprint}, which your known_hosts marks @revoked: it must never be trusted again.',
    'fix.engine.host-key-revoked.check': 'Ask the host’s administrator for a new key',
    'fix.engine.host-key-revoked.check.why': 'The command, run on the host, shows which key it offers now.',
  },
  zh: {
    'fix.engineSays': '{engine} 的原话',
    'fix.barnacleSaw': 'Barnacle 看到的情况',
    'fix.options.legend': '修复方式',
    'fix.commands.heading': '等效的 docker 命令',
    'fix.commands.none': '没有命令：不会有任何变化。',
    'fix.involved.containers': '容器',
    'fix.involved.tags': '标签',
    'fix.involved.children': '基于它构建',
    'fix.container.running': '运行中',
    'fix.container.stopped': '已停止',
    'fix.tag.selected': '已选中',

    'fix.running-container.title': { other: '被运行中的容器使用' },
    'fix.running-container.explain': {
      other: '{image} 正被运行中的容器 {containers} 使用。只要有容器在运行，镜像就无法删除，强制删除也不行。',
    },
    'fix.stopped-container.title': { other: '被已停止的容器使用' },
    'fix.stopped-container.explain': {
      other: '{image} 正被已停止的容器 {containers} 使用。即使容器已停止，引擎也拒绝删除创建它的镜像。',
    },
    'fix.stopped-container.podman':
      '在 Podman 上，强制删除会连同这些容器一起删除，因此 Barnacle 从不强制删除：请选择删除这些容器。',
    'fix.multiple-references.title': '有多个标签',
    'fix.multiple-references.explainTag':
      '{image} 有 {count} 个标签。删除一个标签只是取消标记：在所有标签都删除之前，镜像及其空间都会保留。',
    'fix.multiple-references.explainId':
      '{image} 在 {count} 个仓库中有标签。按 ID 删除会删除所有标签，所以引擎要求你确认。',
    'fix.reference-in-use.title': '最后一个标签正在使用',
    'fix.reference-in-use.explain': {
      other:
        '{image} 是容器 {containers} 所用镜像的最后一个标签。删除它会让这些容器的镜像失去名称，因此除非强制，引擎会拒绝。',
    },
    'fix.dependent-children.title': '有其他镜像基于它构建',
    'fix.dependent-children.explain': {
      other:
        '有 {count} 个镜像基于 {image} 构建（{children}）：它们的层叠在此镜像的层之上，所以只要它们存在，此镜像就无法删除，强制删除也不行。',
    },
    'fix.dependent-children.blocked':
      '其中有镜像正被容器使用，因此 Barnacle 无法提供删除它们的选项：请先删除那个容器。',

    'fix.option.keep-image': '保留镜像',
    'fix.option.skip': '保留镜像',
    'fix.option.stop-and-remove-containers': { other: '停止并删除 {count} 个容器，然后删除镜像' },
    'fix.option.remove-containers': { other: '删除 {count} 个已停止的容器，然后删除镜像' },
    'fix.option.force-delete': '强制删除镜像，保留容器',
    'fix.option.untag-only': '保留容器，只删除标签',
    'fix.option.selected-tag': '只删除 {tags}',
    'fix.option.all-tags': '删除所有标签（{count} 个）和镜像',
    'fix.option.remove-children': { other: '同时删除基于它构建的 {count} 个镜像' },

    'fix.keep.running-container': '不做任何更改：容器继续运行，镜像保留。',
    'fix.keep.stopped-container': '不做任何更改：已停止的容器仍可启动。',
    'fix.keep.multiple-references': '不做任何更改：镜像保留所有标签。',
    'fix.keep.reference-in-use': '不做任何更改：标签和容器都保留。',
    'fix.keep.dependent-children': '不做任何更改：此镜像及基于它构建的镜像都保留。',
    'fix.consequence.stop-and-remove-containers': {
      other: '停止 {running}，并删除 {all} 及其可写层；其卷会保留。',
    },
    'fix.consequence.remove-containers': { other: '删除 {all} 及其可写层；其卷会保留。' },
    'fix.consequence.force-delete': '容器会保留，但指向一个已不存在的镜像：无法重新创建，{engine} 只会显示一个 ID。',
    'fix.consequence.untag-only': '镜像以无标签的形式为这些容器保留；在容器删除之前不会释放空间。',
    'fix.consequence.selected-tag': '镜像以 {others} 的名义保留；不会释放空间。',
    'fix.consequence.all-tags': '删除 {tags}，然后删除镜像本身。',
    'fix.consequence.remove-children': '删除 {children}，然后删除 {image}。',

    'fix.live.title': '{image} 目前无法删除',
    'fix.live.lead': '下面说明发生了什么以及解决办法。在你预览并确认修复之前，不会有任何更改。',
    'fix.live.keep': '保留',
    'fix.live.preview': '预览此修复',
    'fix.live.loading': '正在向规划器询问修复办法…',
    'fix.live.changed': '刚刚重新规划后，此删除已不再遇到该冲突：情况已有变化。请重新预览，查看它现在会做什么。',
    'fix.live.previewAgain': '重新预览',

    'fix.engine.dialogTitle': 'Barnacle 无法连接到引擎',
    'fix.engine.legend': '你可以这样做',
    'fix.engine.commands': '在终端中运行',
    'fix.engine.retry': '重试',
    'fix.engine.retrying': '正在连接…',
    'fix.engine.not-running.title': '引擎没有运行',
    'fix.engine.not-running.explain':
      '{host} 处的套接字存在，但没有响应：Docker（或 Podman）已停止。引擎运行后 Barnacle 会自动重新连接。',
    'fix.engine.not-running.service': '启动 Docker 服务',
    'fix.engine.not-running.service.why': '立即启动引擎，并在每次开机时启动（使用 systemd 的 Linux）。',
    'fix.engine.not-running.desktop': '打开 Docker Desktop、Colima、Rancher Desktop 或 OrbStack',
    'fix.engine.not-running.desktop.why': '它们在小型虚拟机中运行引擎，启动需要一点时间。',
    'fix.engine.not-running.podman': '启动 Podman 的套接字',
    'fix.engine.not-running.podman.why': 'Podman 没有守护进程：启用后，其 API 套接字会按需启动。',
    'fix.engine.socket-missing.title': '那里没有引擎套接字',
    'fix.engine.socket-missing.explain': '{host} 处没有套接字：引擎未安装、未启动，或在别处监听。',
    'fix.engine.socket-missing.service': '启动引擎',
    'fix.engine.socket-missing.service.why': '引擎启动后套接字就会出现。',
    'fix.engine.socket-missing.context': '找到 docker 命令行使用的套接字',
    'fix.engine.socket-missing.context.why':
      'Barnacle 遵循 DOCKER_HOST 和当前 docker 上下文；也可以在设置中选择其他引擎。',
    'fix.engine.socket-missing.dockerHost': '将 DOCKER_HOST 指向该套接字',
    'fix.engine.socket-missing.dockerHost.why': '然后从该 shell 启动 Barnacle（示例为 rootless Docker 的套接字）。',
    'fix.engine.permission-denied.title': '没有使用引擎的权限',
    'fix.engine.permission-denied.explain':
      '{host} 处的套接字存在，但你的用户无权打开：在 Linux 上它属于 root 和 docker 组。',
    'fix.engine.permission-denied.group': '将自己加入 docker 组',
    'fix.engine.permission-denied.group.why':
      'docker 组的成员可以以 root 身份控制这台计算机。注销并重新登录后才会全面生效。',
    'fix.engine.permission-denied.rootless': '使用 rootless Docker',
    'fix.engine.permission-denied.rootless.why': '引擎以你的身份运行，不需要 root 权限，并有自己的镜像。',
    'fix.engine.permission-denied.podman': '使用 Podman 的用户套接字',
    'fix.engine.permission-denied.podman.why': '默认无需 root；Barnacle 使用其兼容 Docker 的 API。',
    'fix.engine.unreachable.title': '引擎没有响应',
    'fix.engine.unreachable.explain': 'Barnacle 无法与 {host} 处的引擎通信。',
    'fix.engine.unreachable.ping': '检查 docker 命令行能否连接',
    'fix.engine.unreachable.ping.why': '如果命令行有响应，请将它的上下文与 Barnacle 使用的端点比较。',
    'fix.engine.unreachable.service': '重启引擎',
    'fix.engine.unreachable.service.why': '立即启动引擎，并在每次开机时启动（使用 systemd 的 Linux）。',
    'fix.engine.host-key-unknown.title': 'Barnacle 还不认识这台 SSH 主机',
    'fix.engine.host-key-unknown.explain':
      '{host} 背后的主机不在你的 known_hosts 中，因此无法证明它就是正确的机器。它提供的密钥是 {fingerprint}。',
    'fix.engine.host-key-unknown.trust': '核对密钥，然后用 ssh 连接一次',
    'fix.engine.host-key-unknown.trust.why':
      '在主机本机上运行第一条命令（或询问其管理员）并比较指纹。随后 ssh 会询问是否信任该密钥：只有指纹一致时才回答“yes”。',
    'fix.engine.host-key-unknown.scan': '核对密钥，然后用 ssh-keyscan 添加',
    'fix.engine.host-key-unknown.scan.why':
      '不经询问就把主机当前提供的密钥加入你的 known_hosts：请在指纹一致之后再运行。',
    'fix.engine.host-key-changed.title': '这台 SSH 主机的密钥已改变',
    'fix.engine.host-key-changed.explain':
      '{host} 背后的主机现在提供的密钥是 {fingerprint}，你的 known_hosts 中没有为它记录这个密钥。可能有人在拦截连接，也可能主机被重装了。',
    'fix.engine.host-key-changed.forget': '仅当管理员确认了新密钥时：替换旧密钥',
    'fix.engine.host-key-changed.forget.why':
      '从 known_hosts 中删除旧密钥；随后 ssh 会询问新密钥：只有其指纹与管理员给你的一致时才回答“yes”。',
    'fix.engine.host-key-revoked.title': '这台 SSH 主机的密钥已被吊销',
    'fix.engine.host-key-revoked.explain':
      '{host} 背后的主机提供的密钥是 {fingerprint}，你的 known_hosts 将其标记为 @revoked：永远不能再信任它。',
    'fix.engine.host-key-revoked.check': '向主机管理员索取新密钥',
    'fix.engine.host-key-revoked.check.why': '在主机上运行该命令，可以看到它现在提供的是哪个密钥。',
  },
};
