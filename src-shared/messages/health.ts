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
  },
};
