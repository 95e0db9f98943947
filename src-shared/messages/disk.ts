// Issue 12's three levels of "used" (src-shared/disk-levels.ts): what each
// level is, why one is unknown, where they disagree and how each product gives
// freed space back to the host, with what that costs.
export default {
  en: {
    'disk.levels.head': 'Three levels of used:',
    'disk.levels.reported': 'Engine reports: {size} (GET /system/df, {age})',
    'disk.levels.reportedUnknown': 'Engine reports: unknown',
    'disk.levels.storage': 'Storage on disk: {size} in {root} (walked, {age}, took {ms} ms)',
    'disk.levels.storagePartial': 'Storage on disk: at least {size} in {root} (stopped after {ms} ms)',
    'disk.levels.storageHelper':
      'Storage on disk: {size} in {root} (du in a helper container of {image}, rounded to KiB, {age}, took {ms} ms)',
    'disk.levels.unreadable': {
      one: '{count} entry unreadable, not counted',
      other: '{count} entries unreadable, not counted',
    },
    'disk.levels.filesystem': 'Filesystem: {free} free of {total}',
    'disk.levels.imagesOutsideRoot':
      "images of Docker's containerd store live in containerd's own root, which may not be in this folder",
    'disk.levels.storageUnknown': 'Storage on disk: unknown ({reason})',
    'disk.levels.vmNone': 'VM disk files: none found on this computer',
    'disk.levels.vmHead': 'VM disk files on this computer (stat, {age}):',
    'disk.levels.vmFile': '{product}: {occupied} on disk, {apparent} apparent, {path}',
    'disk.levels.vmFileUnknown': '{product}: {apparent} apparent, on-disk size unknown, {path}',
    'disk.levels.vmFileVhdx': '{product}: {apparent} on disk (a dynamically expanding VHDX takes its size), {path}',
    'disk.age.now': 'just now',
    'disk.age.seconds': { one: '{count} second ago', other: '{count} seconds ago' },
    'disk.age.minutes': { one: '{count} minute ago', other: '{count} minutes ago' },
    'disk.reason.remote-engine': 'the engine runs on another machine',
    'disk.reason.engine-in-vm': 'the engine runs in a VM or elsewhere; its files are not on this filesystem',
    'disk.reason.no-data-root': 'the engine named no data root',
    'disk.reason.data-root-unreadable': 'its data root cannot be read here',
    'disk.reason.info-failed': 'the engine did not answer GET /info',
    'disk.reason.walk-skipped': 'not measured: --no-walk',
    'disk.reason.helper-image-missing':
      'the helper image {image} is not on the engine; Barnacle never pulls it. To bring it: {command}',
    'disk.reason.helper-failed': 'the helper container did not run, or did not print what du and df print',
    'disk.reason.helper-timeout': 'the helper container did not finish in time; it was removed',
    'disk.product.docker-desktop': 'Docker Desktop',
    'disk.product.docker-desktop-wsl': 'Docker Desktop (WSL)',
    'disk.product.podman-machine': 'Podman machine',
    'disk.product.colima': 'Colima',
    'disk.product.lima': 'Lima',
    'disk.product.rancher-desktop': 'Rancher Desktop',
    'disk.product.orbstack': 'OrbStack',
    'disk.finding.vm-file-keeps-freed-space':
      '{product} holds {occupied} in its VM disk file while the engine reports {reported}: space freed inside a VM stays in its disk file until it is trimmed and compacted. Barnacle never edits a VM disk file.',
    'disk.finding.storage-exceeds-reported':
      'The data root takes {allocated} on disk while the engine reports {reported}: storage drivers, logs and leftovers are not in its figures.',
    'disk.guide.dockerDesktopRestart':
      'Docker Desktop gives freed blocks back on its own; restarting it makes that happen now. Costs: a restart of its VM and every running container.',
    'disk.guide.dockerDesktopPurge':
      'Troubleshoot, "Clean / Purge data" shrinks the file by deleting every image, container and volume. Costs: all Docker data.',
    'disk.guide.wslOptimize':
      'Quit Docker Desktop, then in an administrator PowerShell (Hyper-V module). Compaction returns only blocks the VM has trimmed. Costs: stops every WSL distribution; minutes for a large file.',
    'disk.guide.wslDiskpart':
      'Without Hyper-V, diskpart does the same (run the lines in diskpart). Costs: stops every WSL distribution; minutes for a large file.',
    'disk.guide.fstrim':
      "Trim the VM's filesystem so the host file gives freed blocks back. Costs: seconds to minutes; the VM keeps running.",
    'disk.guide.rancherRestart':
      'Rancher Desktop trims its disk when it starts and stops; restarting it does it now. Costs: a restart of its VM.',
    'disk.guide.orbstack':
      'OrbStack manages its disk image and gives space back on its own; if it does not, a restart has helped. Costs: a restart of its VM.',
  },
  zh: {
    'disk.levels.head': '三个层面的已用空间：',
    'disk.levels.reported': '引擎报告：{size}（GET /system/df，{age}）',
    'disk.levels.reportedUnknown': '引擎报告：未知',
    'disk.levels.storage': '磁盘上的存储：{root} 中 {size}（逐项统计，{age}，耗时 {ms} 毫秒）',
    'disk.levels.storagePartial': '磁盘上的存储：{root} 中至少 {size}（{ms} 毫秒后停止）',
    'disk.levels.storageHelper':
      '磁盘上的存储：{root} 中 {size}（由 {image} 辅助容器中的 du 统计，按 KiB 取整，{age}，耗时 {ms} 毫秒）',
    'disk.levels.unreadable': { other: '{count} 项无法读取，未计入' },
    'disk.levels.filesystem': '文件系统：可用 {free}，共 {total}',
    'disk.levels.imagesOutsideRoot':
      'Docker 的 containerd 镜像存储把镜像放在 containerd 自己的根目录中，可能不在此目录内',
    'disk.levels.storageUnknown': '磁盘上的存储：未知（{reason}）',
    'disk.levels.vmNone': '虚拟机磁盘文件：本机上未找到',
    'disk.levels.vmHead': '本机上的虚拟机磁盘文件（stat，{age}）：',
    'disk.levels.vmFile': '{product}：实际占用 {occupied}，表观大小 {apparent}，{path}',
    'disk.levels.vmFileUnknown': '{product}：表观大小 {apparent}，实际占用未知，{path}',
    'disk.levels.vmFileVhdx': '{product}：实际占用 {apparent}（动态扩展的 VHDX 文件大小即其占用），{path}',
    'disk.age.now': '刚刚',
    'disk.age.seconds': { other: '{count} 秒前' },
    'disk.age.minutes': { other: '{count} 分钟前' },
    'disk.reason.remote-engine': '引擎运行在另一台机器上',
    'disk.reason.engine-in-vm': '引擎运行在虚拟机或别处，其文件不在本机文件系统上',
    'disk.reason.no-data-root': '引擎没有给出数据根目录',
    'disk.reason.data-root-unreadable': '此处无法读取其数据根目录',
    'disk.reason.info-failed': '引擎没有响应 GET /info',
    'disk.reason.walk-skipped': '未统计：使用了 --no-walk',
    'disk.reason.helper-image-missing': '引擎上没有辅助镜像 {image}；Barnacle 从不拉取它。获取方法：{command}',
    'disk.reason.helper-failed': '辅助容器未能运行，或其输出不是 du 和 df 的输出',
    'disk.reason.helper-timeout': '辅助容器未能按时完成；已将其删除',
    'disk.product.docker-desktop': 'Docker Desktop',
    'disk.product.docker-desktop-wsl': 'Docker Desktop（WSL）',
    'disk.product.podman-machine': 'Podman 虚拟机',
    'disk.product.colima': 'Colima',
    'disk.product.lima': 'Lima',
    'disk.product.rancher-desktop': 'Rancher Desktop',
    'disk.product.orbstack': 'OrbStack',
    'disk.finding.vm-file-keeps-freed-space':
      '{product} 的虚拟机磁盘文件占用 {occupied}，而引擎报告 {reported}：在虚拟机内释放的空间会留在其磁盘文件中，直到经过修剪（trim）和压缩。Barnacle 从不修改虚拟机磁盘文件。',
    'disk.finding.storage-exceeds-reported':
      '数据根目录在磁盘上占用 {allocated}，而引擎报告 {reported}：存储驱动、日志和残留文件不在其统计之内。',
    'disk.guide.dockerDesktopRestart':
      'Docker Desktop 会自行归还已释放的块；重启它可以立即完成。代价：重启其虚拟机和所有运行中的容器。',
    'disk.guide.dockerDesktopPurge':
      '在“故障排除”中选择“Clean / Purge data”会删除所有镜像、容器和卷来缩小文件。代价：全部 Docker 数据。',
    'disk.guide.wslOptimize':
      '先退出 Docker Desktop，然后在管理员 PowerShell（需 Hyper-V 模块）中运行。压缩只能归还虚拟机内已修剪的块。代价：停止所有 WSL 发行版；大文件需要数分钟。',
    'disk.guide.wslDiskpart':
      '没有 Hyper-V 时，用 diskpart 也能做到（在 diskpart 中逐行运行）。代价：停止所有 WSL 发行版；大文件需要数分钟。',
    'disk.guide.fstrim': '修剪虚拟机内的文件系统，使主机上的文件归还已释放的块。代价：数秒到数分钟；虚拟机保持运行。',
    'disk.guide.rancherRestart': 'Rancher Desktop 在启动和停止时会修剪其磁盘；重启即可立即完成。代价：重启其虚拟机。',
    'disk.guide.orbstack': 'OrbStack 自行管理其磁盘镜像并归还空间；若没有归还，重启曾有帮助。代价：重启其虚拟机。',
  },
};
