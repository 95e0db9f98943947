// `barnacle engines add|rm`: writing and removing a docker context, and the TLS
// files it carries. Names, addresses, flags and paths are parameters. The
// context-name sentences are the docker CLI's own (cli/context/store).
export default {
  en: {
    'contexts.nameEmpty': 'context name cannot be empty',
    'contexts.nameReserved': '"{name}" is a reserved context name',
    'contexts.nameInvalid':
      'context name "{name}" is invalid: use letters, digits and _ . + - (at least two characters, starting with a letter or digit)',
    'contexts.exists': 'context "{name}" already exists ({file}). Remove it first with "barnacle engines rm {name}".',
    'contexts.notFound':
      'context "{name}" does not exist (no {file}). Run "barnacle engines" to see the engines there are.',
    'contexts.inUse':
      'context "{name}" is the current context (currentContext in {file}): the docker CLI would lose its engine. Switch first ("docker context use default"), then remove it.',
    'contexts.needsHost': '"barnacle engines add NAME" needs --host tcp://HOST:PORT or --host ssh://USER@HOST[:PORT].',
    'contexts.oneName': '"barnacle engines {verb}" takes exactly one context name.',
    'contexts.tlsNotTcp': '{option} is for tcp:// engines only: {host} does not use TLS.',
    'contexts.caAndSkip':
      '--tls-ca and --tls-skip-verify contradict each other: the CA would never be checked. Pick one.',
    'contexts.certWithoutKey': '--tls-cert and --tls-key go together: give both or neither.',
    'contexts.fileUnreadable': '{option}: cannot read {file} ({said}).',
    'contexts.notCertificate': '{option}: {file} is not a PEM certificate ({said}).',
    'contexts.notKey': '{option}: {file} is not a PEM private key ({said}).',
    'contexts.keyMismatch': '{option}: {key} is not the private key of the certificate {cert}.',
    'contexts.testFailed':
      'Nothing was written: testing "{name}" at {host} failed. {problem} Fix that, or add it anyway with --no-test.',
    'contexts.writeFailed':
      'Cannot write the context into {dir} ({said}). Check that this folder (DOCKER_CONFIG, default ~/.docker) is yours and writable.',
    'contexts.added': 'Added context "{name}" for {host} ({file}).',
    'contexts.addedTested': 'It answered: {engine}.',
    'contexts.addedUntested': 'Not tested (--no-test).',
    'contexts.addedUse': 'Use it with "barnacle --context {name} …" or "docker --context {name} …".',
    'contexts.removed': 'Removed context "{name}" ({dirs}).',
  },
  zh: {
    'contexts.nameEmpty': '上下文名称不能为空',
    'contexts.nameReserved': '"{name}" 是保留的上下文名称',
    'contexts.nameInvalid': '上下文名称 "{name}" 无效：只能使用字母、数字和 _ . + -（至少两个字符，以字母或数字开头）',
    'contexts.exists': '上下文 "{name}" 已存在（{file}）。请先用 "barnacle engines rm {name}" 删除它。',
    'contexts.notFound': '上下文 "{name}" 不存在（没有 {file}）。运行 "barnacle engines" 查看现有的引擎。',
    'contexts.inUse':
      '上下文 "{name}" 是当前上下文（{file} 中的 currentContext）：删除后 docker 命令行将失去它的引擎。请先切换（"docker context use default"），再删除它。',
    'contexts.needsHost': '"barnacle engines add NAME" 需要 --host tcp://HOST:PORT 或 --host ssh://USER@HOST[:PORT]。',
    'contexts.oneName': '"barnacle engines {verb}" 只接受一个上下文名称。',
    'contexts.tlsNotTcp': '{option} 只适用于 tcp:// 引擎：{host} 不使用 TLS。',
    'contexts.caAndSkip': '--tls-ca 与 --tls-skip-verify 互相矛盾：CA 将永远不会被检查。请只选一个。',
    'contexts.certWithoutKey': '--tls-cert 和 --tls-key 必须同时给出，或都不给。',
    'contexts.fileUnreadable': '{option}：无法读取 {file}（{said}）。',
    'contexts.notCertificate': '{option}：{file} 不是 PEM 格式的证书（{said}）。',
    'contexts.notKey': '{option}：{file} 不是 PEM 格式的私钥（{said}）。',
    'contexts.keyMismatch': '{option}：{key} 不是证书 {cert} 的私钥。',
    'contexts.testFailed':
      '没有写入任何内容：测试 {host} 上的 "{name}" 失败。{problem} 请先解决这个问题，或者用 --no-test 照样添加。',
    'contexts.writeFailed':
      '无法把上下文写入 {dir}（{said}）。请确认这个文件夹（DOCKER_CONFIG，默认 ~/.docker）属于你且可写。',
    'contexts.added': '已为 {host} 添加上下文 "{name}"（{file}）。',
    'contexts.addedTested': '它的应答：{engine}。',
    'contexts.addedUntested': '未测试（--no-test）。',
    'contexts.addedUse': '用 "barnacle --context {name} …" 或 "docker --context {name} …" 使用它。',
    'contexts.removed': '已删除上下文 "{name}"（{dirs}）。',
  },
};
