// Settings' Engines section: docker contexts for remote engines, added, tested and
// removed (src-main/engine/context-edits.ts, shared with `barnacle engines add|rm`).
// Names, addresses, paths and an engine's own words are parameters.
export default {
  en: {
    'settings.engines.title': 'Engines',
    'settings.engines.exists':
      'A context named "{name}" already exists ({file}). Choose another name, or remove that one in the list above first.',
    'settings.engines.notFound': 'There is no context "{name}" any more (no {file}): another program removed it.',
    'settings.engines.description':
      'Remote engines are kept as docker contexts, so "docker --context NAME" reaches the same engine.',
    'settings.engines.none': 'No docker contexts yet: add a remote engine below.',
    'settings.engines.listLabel': 'Docker contexts',
    'settings.engines.current': 'docker CLI’s current',
    'settings.engines.inUse': 'Barnacle uses it now',
    'settings.engines.tls': 'TLS',
    'settings.engines.tlsSkipped': 'TLS not verified',
    'settings.engines.broken': 'Unusable: {error}',
    'settings.engines.test': 'Test',
    'settings.engines.testing': 'Testing…',
    'settings.engines.remove': 'Remove…',
    'settings.engines.currentHint':
      'The docker CLI uses this context now: switch it first ("docker context use default").',
    'settings.engines.answered': 'It answered: {engine}.',
    'settings.engines.noAnswer': 'No connection ({state}).',
    'settings.engines.confirmRemove':
      'Remove the context “{name}”? Only its files in the docker config folder go (its meta.json and its copies of TLS files). The engine, and every image, container and volume on it, stay as they are.',
    'settings.engines.confirmRemoveYes': 'Remove context',
    'settings.engines.removed': 'Removed “{name}”: {dirs}.',
    'settings.engines.addTitle': 'Add a remote engine',
    'settings.engines.name': 'Name',
    'settings.engines.nameHint': 'Letters, digits and _ . + -, like any docker context name.',
    'settings.engines.host': 'Address',
    'settings.engines.hostHint': 'tcp://HOST:2376 (TLS) or ssh://USER@HOST[:PORT]',
    'settings.engines.ca': 'CA certificate (ca.pem)',
    'settings.engines.cert': 'Client certificate (cert.pem)',
    'settings.engines.key': 'Client key (key.pem)',
    'settings.engines.pathsHint':
      'Absolute paths of PEM files on this computer; the context keeps its own copies. TLS is for tcp:// only.',
    'settings.engines.skipVerify': 'Skip TLS verification',
    'settings.engines.skipWarning':
      'Without verification, anyone between this computer and the engine can pretend to be it and read everything Barnacle sends. Use it only on a network you trust.',
    'settings.engines.noTest': 'Add without testing',
    'settings.engines.testConnection': 'Test connection',
    'settings.engines.add': 'Add engine',
    'settings.engines.adding': 'Adding…',
    'settings.engines.added': 'Added “{name}” for {host} ({file}).',
    'settings.engines.addedUntested': 'Added “{name}” for {host} ({file}), not tested.',
    'settings.engines.testFailed':
      'Nothing was written: testing “{name}” at {host} failed. {problem} Fix that and test again, or tick “Add without testing”.',
    'settings.engines.noConfigDir':
      'This Barnacle was started without a docker config folder, so it cannot add or remove contexts.',
  },
  zh: {
    'settings.engines.exists': '名为 "{name}" 的上下文已存在（{file}）。请换一个名称，或先在上面的列表中删除它。',
    'settings.engines.notFound': '上下文 "{name}" 已不存在（没有 {file}）：另一个程序删除了它。',
    'settings.engines.title': '引擎',
    'settings.engines.description':
      '远程引擎以 docker 上下文的形式保存，因此 "docker --context 名称" 连接的是同一个引擎。',
    'settings.engines.none': '还没有 docker 上下文：在下面添加一个远程引擎。',
    'settings.engines.listLabel': 'Docker 上下文',
    'settings.engines.current': 'docker 命令行的当前上下文',
    'settings.engines.inUse': 'Barnacle 正在使用',
    'settings.engines.tls': 'TLS',
    'settings.engines.tlsSkipped': '不验证 TLS',
    'settings.engines.broken': '无法使用：{error}',
    'settings.engines.test': '测试',
    'settings.engines.testing': '正在测试…',
    'settings.engines.remove': '删除…',
    'settings.engines.currentHint': 'docker 命令行正在使用这个上下文：请先切换（"docker context use default"）。',
    'settings.engines.answered': '它的应答：{engine}。',
    'settings.engines.noAnswer': '没有连接（{state}）。',
    'settings.engines.confirmRemove':
      '删除上下文“{name}”？只会删除它在 docker 配置文件夹中的文件（它的 meta.json 和 TLS 文件的副本）。引擎及其上的所有镜像、容器和卷都保持原样。',
    'settings.engines.confirmRemoveYes': '删除上下文',
    'settings.engines.removed': '已删除“{name}”：{dirs}。',
    'settings.engines.addTitle': '添加远程引擎',
    'settings.engines.name': '名称',
    'settings.engines.nameHint': '字母、数字和 _ . + -，与 docker 上下文名称的规则相同。',
    'settings.engines.host': '地址',
    'settings.engines.hostHint': 'tcp://主机:2376（TLS）或 ssh://用户@主机[:端口]',
    'settings.engines.ca': 'CA 证书（ca.pem）',
    'settings.engines.cert': '客户端证书（cert.pem）',
    'settings.engines.key': '客户端私钥（key.pem）',
    'settings.engines.pathsHint': '本机上 PEM 文件的绝对路径；上下文会保存自己的副本。TLS 只适用于 tcp://。',
    'settings.engines.skipVerify': '跳过 TLS 验证',
    'settings.engines.skipWarning':
      '不验证时，本机与引擎之间的任何人都可以冒充引擎，并读取 Barnacle 发送的一切。只在你信任的网络中使用。',
    'settings.engines.noTest': '不测试直接添加',
    'settings.engines.testConnection': '测试连接',
    'settings.engines.add': '添加引擎',
    'settings.engines.adding': '正在添加…',
    'settings.engines.added': '已为 {host} 添加“{name}”（{file}）。',
    'settings.engines.addedUntested': '已为 {host} 添加“{name}”（{file}），未测试。',
    'settings.engines.testFailed':
      '没有写入任何内容：测试 {host} 上的“{name}”失败。{problem} 请解决这个问题后再测试，或者勾选“不测试直接添加”。',
    'settings.engines.noConfigDir': '这个 Barnacle 启动时没有 docker 配置文件夹，因此无法添加或删除上下文。',
  },
};
