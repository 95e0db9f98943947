// The settings screen.
export default {
  en: {
    'settings.engine.title': 'Engine',
    'settings.engine.description': 'Docker contexts and engine sockets found on this computer.',
    'settings.language.title': 'Language',
    'settings.language.system': 'System ({language})',
    'settings.theme.title': 'Theme',
    'settings.theme.system': 'System',
    'settings.theme.systemHint': 'Follows your operating system’s light or dark appearance.',
    'settings.theme.light': 'Light',
    'settings.theme.dark': 'Dark',
    'settings.confirm.title': 'Confirmations',
    'settings.confirm.description': 'Nothing is removed until you confirm a plan you have seen, in its preview.',
    'settings.confirm.spellOut': 'Confirm buttons say what they do (“Stop 1 container and remove 3 images”)',
    'settings.disk.title': 'Disk usage',
    'settings.disk.description':
      'For an engine in a VM or on another machine, its storage on disk is unknown unless you allow this.',
    'settings.disk.helper':
      'Measure it with a short-lived {image} container on the engine: read-only, no network, removed right after. The image must already be there; Barnacle never pulls it.',
    'settings.disk.image': 'Helper image',
  },
  zh: {
    'settings.engine.title': '引擎',
    'settings.engine.description': '在本机上找到的 Docker 上下文和引擎套接字。',
    'settings.language.title': '语言',
    'settings.language.system': '跟随系统（{language}）',
    'settings.theme.title': '主题',
    'settings.theme.system': '跟随系统',
    'settings.theme.systemHint': '跟随操作系统的浅色或深色外观。',
    'settings.theme.light': '浅色',
    'settings.theme.dark': '深色',
    'settings.confirm.title': '确认',
    'settings.confirm.description': '在预览中确认你看过的计划之前，不会删除任何内容。',
    'settings.confirm.spellOut': '确认按钮写明将要执行的操作（“停止 1 个容器并删除 3 个镜像”）',
    'settings.disk.title': '磁盘用量',
    'settings.disk.description': '对于运行在虚拟机或另一台机器上的引擎，除非你允许，其磁盘上的存储为未知。',
    'settings.disk.helper':
      '在引擎上用一个短暂的 {image} 容器统计：只读、无网络、用完即删。该镜像必须已在引擎上；Barnacle 从不拉取它。',
    'settings.disk.image': '辅助镜像',
  },
};
