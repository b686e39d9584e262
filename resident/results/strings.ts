import type { Strings } from '../../ui/i18n.ts';

export const strings: Strings<
  | 'title'
  | 'lead'
  | 'month'
  | 'previous'
  | 'next'
  | 'ratings'
  | 'satisfaction'
  | 'poor'
  | 'rectifiedOnTime'
  | 'byMatter'
  | 'byCounter'
  | 'matter'
  | 'counter'
  | 'count'
  | 'none'
  | 'privacy'
> = {
  zh: {
    title: '好差评结果公开',
    lead: '本中心按照《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》公开每月评价结果。',
    month: '{year} 年 {month} 月',
    previous: '上个月',
    next: '下个月',
    ratings: '评价总数',
    satisfaction: '满意率',
    poor: '差评数',
    rectifiedOnTime: '差评按期整改率',
    byMatter: '按事项',
    byCounter: '按窗口',
    matter: '事项',
    counter: '窗口',
    count: '评价数',
    none: '本月暂无评价。',
    privacy:
      '满意率 =“非常满意”“满意”“基本满意”的评价 ÷ 评价总数。仅公开统计数字，不含任何评价人信息；经复核认定为误评的评价不计入。',
  },
  en: {
    title: 'Service ratings, published',
    lead: 'As the State Council’s 好差评 rules ask, this hall publishes its ratings every month.',
    month: '{year}-{month}',
    previous: 'Previous month',
    next: 'Next month',
    ratings: 'Ratings',
    satisfaction: 'Satisfied',
    poor: 'Poor ratings',
    rectifiedOnTime: 'Poor ratings rectified on time',
    byMatter: 'By matter',
    byCounter: 'By counter',
    matter: 'Matter',
    counter: 'Counter',
    count: 'Ratings',
    none: 'No ratings this month yet.',
    privacy:
      'Satisfied = ratings of “very satisfied”, “satisfied” or “fairly satisfied” ÷ all ratings. Figures only, nothing about who rated; a rating found mistaken on review is not counted.',
  },
};
