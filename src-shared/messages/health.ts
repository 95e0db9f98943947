// Why Barnacle cannot reach the engine (EngineHealth.says, from
// src-main/engine/connection.ts, session.ts and ssh/host-key-guide.ts).
export default {
  en: {
    'health.noSocket': "No engine socket at {where}. Start Docker (or Podman's API service), or choose another engine.",
    'health.permissionLinux':
      'Permission denied on {where}. Add your user to the "docker" group (sudo usermod -aG docker $USER), then log out and in again.',
    'health.permission': 'Permission denied on {where}. Check that your user may use the engine.',
    'health.nothingAnswers': 'Nothing answers at {where}: is the engine running there?',
    'health.notRunning': 'The engine at {where} is not running. Start it, and Barnacle reconnects.',
    'health.apiRefusedUpdateBarnacle': 'The engine at {where} refused our API version ({said}). Update Barnacle.',
    'health.apiRefusedUpdateEngine': 'The engine at {where} refused our API version ({said}). Update the engine.',
    'health.couldNotReach': 'Could not reach the engine at {where}: {said}',
    'health.apiTooOld':
      'This engine speaks API {api}; Barnacle needs {needs} or newer (Docker 19.03+, Podman 3+). Update the engine.',
    'health.stopped': 'The engine at {where} stopped. Start it again, and Barnacle reconnects.',
    'health.hostKey.unknown':
      'The SSH host {where} is not in your known_hosts, so Barnacle cannot tell it is the right machine: it offered the {keyType} key {fingerprint}. Check that fingerprint on the host ({check}) or with its administrator, then trust the key once from a terminal: {trust} (answer "yes"). Barnacle then connects by itself.',
    'health.hostKey.unknownOrScan':
      'The SSH host {where} is not in your known_hosts, so Barnacle cannot tell it is the right machine: it offered the {keyType} key {fingerprint}. Check that fingerprint on the host ({check}) or with its administrator, then trust the key once from a terminal: {trust} (answer "yes"), or {scan}. Barnacle then connects by itself.',
    'health.hostKey.changed':
      "WARNING: the SSH host key of {where} has changed. Someone may be intercepting the connection (a man-in-the-middle attack), or the host was reinstalled. It now offers the {keyType} key {fingerprint}; {file} line {line} holds a different {keyType} key. Barnacle will not connect. Only if the host's administrator confirms the new key: {forget}, then {trust}.",
    'health.hostKey.revoked':
      "The SSH host {where} offered the {keyType} key {fingerprint}, which {file} line {line} marks @revoked: Barnacle will not connect. Ask the host's administrator for its new key.",
    'health.noAnswerWithin':
      'No answer from {where} within {seconds} s: is the engine running there, and is the address right?',
    'health.tls.unknownCa':
      "The engine at {where} showed a TLS certificate that the CA Barnacle has for it did not sign ({said}). Check that ca.pem (the context's, or the one in DOCKER_CERT_PATH) is the CA that signed the engine's certificate. Only on a network you trust: skip the check (barnacle engines add NAME --host {where} --tls-skip-verify).",
    'health.tls.hostMismatch':
      'The TLS certificate of the engine at {where} is not made out for that address ({said}). Connect by a name or IP address the certificate lists, or give the engine a certificate that lists this one.',
    'health.tls.expired':
      "The TLS certificate of the engine at {where} has expired or is not valid yet ({said}). Renew the engine's certificate, or check this computer's clock.",
    'health.tls.clientRejected':
      "The engine at {where} refused Barnacle's client certificate ({said}). Use a cert.pem and key.pem signed by the CA the engine trusts (its --tlscacert), in the context or in DOCKER_CERT_PATH.",
    'health.tls.serverNotTls':
      'The engine at {where} does not speak TLS, but Barnacle was told to use it ({said}). Use the TLS port the engine listens on (usually 2376), or leave TLS off for this address.',
    'health.tls.serverWantsTls':
      'The engine at {where} speaks TLS, but was addressed without it. Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or add it with its certificates (barnacle engines add NAME --host {where} --tls-ca …).',
    'health.tls.fileMissing':
      'Cannot read the TLS file {file} ({said}). Check DOCKER_CERT_PATH, or add the context again with its certificates (barnacle engines rm NAME, then barnacle engines add NAME …).',
  },
  zh: {
    'health.noSocket': '{where} 没有引擎套接字。请启动 Docker（或 Podman 的 API 服务），或选择其他引擎。',
    'health.permissionLinux':
      '访问 {where} 被拒绝。请将你的用户加入 "docker" 组（sudo usermod -aG docker $USER），然后注销并重新登录。',
    'health.permission': '访问 {where} 被拒绝。请确认你的用户有权使用该引擎。',
    'health.nothingAnswers': '{where} 没有任何响应：引擎在那里运行吗？',
    'health.notRunning': '{where} 上的引擎没有运行。启动它后，Barnacle 会自动重新连接。',
    'health.apiRefusedUpdateBarnacle': '{where} 上的引擎拒绝了我们的 API 版本（{said}）。请更新 Barnacle。',
    'health.apiRefusedUpdateEngine': '{where} 上的引擎拒绝了我们的 API 版本（{said}）。请更新引擎。',
    'health.couldNotReach': '无法连接 {where} 上的引擎：{said}',
    'health.apiTooOld':
      '此引擎使用 API {api}；Barnacle 需要 {needs} 或更高版本（Docker 19.03+、Podman 3+）。请更新引擎。',
    'health.stopped': '{where} 上的引擎已停止。再次启动它后，Barnacle 会自动重新连接。',
    'health.hostKey.unknown':
      'SSH 主机 {where} 不在你的 known_hosts 中，Barnacle 无法确认它就是要连接的那台机器：它提供的是 {keyType} 密钥 {fingerprint}。请在该主机上（{check}）或向其管理员核对这个指纹，然后在终端里信任该密钥一次：{trust}（回答 "yes"）。之后 Barnacle 会自行连接。',
    'health.hostKey.unknownOrScan':
      'SSH 主机 {where} 不在你的 known_hosts 中，Barnacle 无法确认它就是要连接的那台机器：它提供的是 {keyType} 密钥 {fingerprint}。请在该主机上（{check}）或向其管理员核对这个指纹，然后在终端里信任该密钥一次：{trust}（回答 "yes"），或者运行 {scan}。之后 Barnacle 会自行连接。',
    'health.hostKey.changed':
      '警告：{where} 的 SSH 主机密钥已改变。可能有人在拦截这个连接（中间人攻击），也可能是该主机重装过。它现在提供的是 {keyType} 密钥 {fingerprint}；{file} 第 {line} 行记录的是另一个 {keyType} 密钥。Barnacle 不会连接。只有在主机管理员确认了新密钥之后，才运行：{forget}，然后运行 {trust}。',
    'health.hostKey.revoked':
      'SSH 主机 {where} 提供的 {keyType} 密钥 {fingerprint} 已在 {file} 第 {line} 行被标记为 @revoked：Barnacle 不会连接。请向该主机的管理员索取新的密钥。',
    'health.noAnswerWithin': '{where} 在 {seconds} 秒内没有应答：引擎在那里运行吗？地址正确吗？',
    'health.tls.unknownCa':
      '{where} 上的引擎出示的 TLS 证书不是由 Barnacle 为它保存的 CA 签发的（{said}）。请确认 ca.pem（上下文中的，或 DOCKER_CERT_PATH 中的）就是签发该引擎证书的 CA。只有在你信任的网络中，才可以跳过这项检查（barnacle engines add NAME --host {where} --tls-skip-verify）。',
    'health.tls.hostMismatch':
      '{where} 上引擎的 TLS 证书不是为这个地址签发的（{said}）。请使用证书中列出的名称或 IP 地址连接，或者为引擎换一张列出此地址的证书。',
    'health.tls.expired':
      '{where} 上引擎的 TLS 证书已过期或尚未生效（{said}）。请更新引擎的证书，或检查这台电脑的时钟。',
    'health.tls.clientRejected':
      '{where} 上的引擎拒绝了 Barnacle 的客户端证书（{said}）。请在上下文或 DOCKER_CERT_PATH 中使用由引擎信任的 CA（即它的 --tlscacert）签发的 cert.pem 和 key.pem。',
    'health.tls.serverNotTls':
      '{where} 上的引擎不使用 TLS，但 Barnacle 被要求使用 TLS（{said}）。请使用引擎监听的 TLS 端口（通常是 2376），或者对这个地址关闭 TLS。',
    'health.tls.serverWantsTls':
      '{where} 上的引擎使用 TLS，但连接时没有使用 TLS。请设置 DOCKER_TLS_VERIFY=1 和 DOCKER_CERT_PATH，或者连同证书添加它（barnacle engines add NAME --host {where} --tls-ca …）。',
    'health.tls.fileMissing':
      '无法读取 TLS 文件 {file}（{said}）。请检查 DOCKER_CERT_PATH，或者连同证书重新添加该上下文（先 barnacle engines rm NAME，再 barnacle engines add NAME …）。',
  },
};
