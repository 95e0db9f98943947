// What is wrong with an engine address or a docker context: a bad --host or
// DOCKER_HOST, a context that is missing or broken, TLS switched on without its
// files. The English is what these errors said before (unit tests and the docker
// CLI's wording match it); addresses, paths and names are parameters.
export default {
  en: {
    'address.unixNotAbsolute': 'unix socket path must be absolute: {host}',
    'address.badPipe': 'named pipe must look like npipe:////./pipe/NAME: {host}',
    'address.notAnAddress': 'not an engine address: {host}',
    'address.noHost': 'engine address has no host: {host}',
    'address.badScheme': 'unsupported engine address scheme {scheme} in {host}',
    'address.invalidScheme': 'invalid engine address "{host}": use unix://, npipe://, tcp:// or ssh://',
    'address.invalidTcp': 'invalid engine address "{host}": expected tcp://host:port',
    'address.hostAndContext': 'conflicting options: cannot specify both --host and --context',
    'address.contextUnusable': 'context "{context}" has an unusable engine address: {problem}',
    'address.tlsWithoutCa':
      '{variable} is set but {file} does not exist: set DOCKER_CERT_PATH to the directory holding ca.pem, cert.pem and key.pem',
    'address.contextNotFound':
      'context "{context}" does not exist (chosen by {chosenBy}; no {file}). Run "docker context ls" to see the contexts there are.',
    'address.chosenByConfig': 'currentContext in {file}',
    'address.contextUnreadable': 'parsing {file}: {said}',
    'address.noDockerEndpoint': 'context "{context}": cannot find docker endpoint in context',
  },
  zh: {
    'address.unixNotAbsolute': 'unix 套接字路径必须是绝对路径：{host}',
    'address.badPipe': '命名管道的格式应为 npipe:////./pipe/NAME：{host}',
    'address.notAnAddress': '不是引擎地址：{host}',
    'address.noHost': '引擎地址中没有主机：{host}',
    'address.badScheme': '不支持的引擎地址协议 {scheme}（{host}）',
    'address.invalidScheme': '无效的引擎地址 "{host}"：请使用 unix://、npipe://、tcp:// 或 ssh://',
    'address.invalidTcp': '无效的引擎地址 "{host}"：应为 tcp://host:port',
    'address.hostAndContext': '选项冲突：不能同时指定 --host 和 --context',
    'address.contextUnusable': '上下文 "{context}" 的引擎地址无法使用：{problem}',
    'address.tlsWithoutCa':
      '已设置 {variable}，但 {file} 不存在：请把 DOCKER_CERT_PATH 设为存放 ca.pem、cert.pem 和 key.pem 的目录',
    'address.contextNotFound':
      '上下文 "{context}" 不存在（由 {chosenBy} 选定；没有 {file}）。运行 "docker context ls" 查看现有的上下文。',
    'address.chosenByConfig': '{file} 中的 currentContext',
    'address.contextUnreadable': '无法解析 {file}：{said}',
    'address.noDockerEndpoint': '上下文 "{context}"：其中没有 docker 端点',
  },
};
