// Why a byte figure is "about": what main's layer accounting could not know
// (Plan.inexactReasons, ImageLayers.reason).
export default {
  en: {
    'space.both': '{first}; {second}',
    'space.volumeSizeUnknown': 'the engine did not measure the size of {volumes}',
    'space.buildContainerSizeUnknown': 'Podman does not report the size of the build containers {containers}',
    'space.image': 'image {id}: {reason}',
    'space.container': 'container {id}: {reason}',
    'space.imageEstimate': 'its layer sizes are estimates',
    'space.containerEstimate': 'its size is an estimate',
    'space.imageUnknown': 'image {id}: its layers are not known, so what it frees is not counted',
    'space.containerImageUnknown': 'container {id} uses image {image}, whose layers are not known: it may keep some',
    'space.containerMissing': 'container {id} is not in the container list: its writable layer is not counted',
    'space.containerSizeUnknown': 'container {id}: writable-layer size unknown (list containers with size=1)',
    'space.partOfSavedPlan': 'the saved plan is part of what a plan made now would do: bytes are its steps’ own shares',
    'space.podmanTar':
      'Podman sizes layers as uncompressed tar streams (headers and padding included), not bytes on disk',
    'space.podmanTarVfs':
      'Podman sizes layers as uncompressed tar streams (headers and padding included), not bytes on disk; its vfs driver also keeps a full copy of the file system for every layer, so far more is freed',
    'space.containerdTwice':
      "the containerd image store keeps each layer twice, as an unpacked snapshot and as its compressed blob; each layer's blob is estimated as its share of the image's content, and identical layers built twice may or may not share a snapshot",
    'space.driver': "the {driver} storage driver's layer sizes are not the space it uses on disk",
    'space.vfsContainer':
      "the vfs driver keeps a full copy of the image's files for each container, beyond its writable layer",
    'space.historyFailed': 'the engine could not give its history ({error})',
    'space.historyMismatch': 'its history ({steps} steps, {sized} with content) does not match its {layers} layers',
    'space.historyMismatchSquashed':
      'its history ({steps} steps, {sized} with content) does not match its {layers} layers (squashed, imported or rewritten images lose their step history)',
    'space.historyAmbiguous':
      'its history does not say which of its empty-looking steps added a layer, so {count} layer size(s) may sit on a neighbouring layer',
  },
  zh: {
    'space.both': '{first}；{second}',
    'space.volumeSizeUnknown': '引擎没有测量 {volumes} 的大小',
    'space.buildContainerSizeUnknown': 'Podman 不报告构建容器 {containers} 的大小',
    'space.image': '镜像 {id}：{reason}',
    'space.container': '容器 {id}：{reason}',
    'space.imageEstimate': '其层大小为估计值',
    'space.containerEstimate': '其大小为估计值',
    'space.imageUnknown': '镜像 {id}：其层未知，所以它释放的空间未计入',
    'space.containerImageUnknown': '容器 {id} 使用镜像 {image}，而该镜像的层未知：它可能保留其中一部分',
    'space.containerMissing': '容器 {id} 不在容器列表中：其可写层未计入',
    'space.containerSizeUnknown': '容器 {id}：可写层大小未知（列出容器时需带 size=1）',
    'space.partOfSavedPlan': '保存的计划只是现在制定的计划的一部分：字节数为其各步骤自己的份额',
    'space.podmanTar': 'Podman 按未压缩的 tar 流（含头部和填充）计算层大小，而不是磁盘上的字节数',
    'space.podmanTarVfs':
      'Podman 按未压缩的 tar 流（含头部和填充）计算层大小，而不是磁盘上的字节数；其 vfs 驱动还为每一层保留一份完整的文件系统副本，所以实际释放的空间要多得多',
    'space.containerdTwice':
      'containerd 镜像存储将每一层保存两次：解包后的快照和压缩的 blob；每层 blob 按其在镜像内容中的占比估算，两次构建的相同层可能共享也可能不共享快照',
    'space.driver': '{driver} 存储驱动报告的层大小不是它在磁盘上占用的空间',
    'space.vfsContainer': 'vfs 驱动会为每个容器保留一份镜像文件的完整副本，可写层之外还有这部分',
    'space.historyFailed': '引擎无法给出它的历史（{error}）',
    'space.historyMismatch': '它的历史（{steps} 步，其中 {sized} 步有内容）与它的 {layers} 层对不上',
    'space.historyMismatchSquashed':
      '它的历史（{steps} 步，其中 {sized} 步有内容）与它的 {layers} 层对不上（压缩合并、导入或改写过的镜像会丢失步骤历史）',
    'space.historyAmbiguous':
      '它的历史没有说明哪些看似为空的步骤添加了层，所以有 {count} 个层的大小可能算到了相邻的层上',
  },
};
