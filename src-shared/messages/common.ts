export default {
  en: {
    'app.name': 'Barnacle',
    'common.refresh': 'Refresh',
    'common.cancel': 'Cancel',
    'common.close': 'Close',
    'common.images': { one: '{count} image', other: '{count} images' },
  },
  zh: {
    'app.name': 'Barnacle',
    'common.refresh': '刷新',
    'common.cancel': '取消',
    'common.close': '关闭',
    'common.images': { other: '{count} 个镜像' },
  },
};
