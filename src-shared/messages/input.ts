// What is wrong with a value a person typed, one key per rule of
// src-shared/input-grammar.ts. The English equals each rule's `problem`, which
// the IPC schemas keep as zod's message (tests/unit/input-grammar-phrases.test.ts
// holds them together).
export default {
  en: {
    'input.empty': 'empty',
    'input.tooLong': 'longer than {max} characters',
    'input.imageRef': 'not an image ID or reference',
    'input.containerRef': 'not a container ID or name',
    'input.volumeName': 'not a volume name',
    'input.until': 'not a duration like 24h or a timestamp',
    'input.labelFilter': 'not a label filter (key or key=value, no control characters)',
    'input.keepPattern': 'not a name pattern',
  },
  zh: {
    'input.empty': '为空',
    'input.tooLong': '超过 {max} 个字符',
    'input.imageRef': '不是镜像 ID 或镜像引用',
    'input.containerRef': '不是容器 ID 或名称',
    'input.volumeName': '不是卷名称',
    'input.until': '不是时长（如 24h）或时间戳',
    'input.labelFilter': '不是标签过滤条件（key 或 key=value，不含控制字符）',
    'input.keepPattern': '不是名称模式',
  },
};
