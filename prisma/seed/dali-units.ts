/** Dali Bai Autonomous Prefecture 大理白族自治州: its 12 counties and cities, a few townships and villages each. */
export interface SeedTownship {
  code: string;
  name: string;
  urban: boolean;
  villages: { code: string; name: string; urban: boolean }[];
}

export interface SeedCounty {
  code: string;
  name: string;
  short: string;
  townships: SeedTownship[];
}

export const PREFECTURE = { code: '532900', name: '大理白族自治州' };

const COUNTY_TOWNSHIPS: [code: string, name: string, short: string, townships: [string, boolean][]][] = [
  [
    '532901',
    '大理市',
    'dali',
    [
      ['下关街道', true],
      ['大理镇', false],
      ['喜洲镇', false],
    ],
  ],
  [
    '532922',
    '漾濞彝族自治县',
    'yangbi',
    [
      ['苍山西镇', false],
      ['漾江镇', false],
    ],
  ],
  [
    '532923',
    '祥云县',
    'xiangyun',
    [
      ['祥城镇', true],
      ['刘厂镇', false],
    ],
  ],
  [
    '532924',
    '宾川县',
    'binchuan',
    [
      ['金牛镇', true],
      ['州城镇', false],
    ],
  ],
  [
    '532925',
    '弥渡县',
    'midu',
    [
      ['弥城镇', true],
      ['红岩镇', false],
    ],
  ],
  [
    '532926',
    '南涧彝族自治县',
    'nanjian',
    [
      ['南涧镇', true],
      ['公郎镇', false],
    ],
  ],
  [
    '532927',
    '巍山彝族回族自治县',
    'weishan',
    [
      ['南诏镇', true],
      ['永建镇', false],
    ],
  ],
  [
    '532928',
    '永平县',
    'yongping',
    [
      ['博南镇', true],
      ['杉阳镇', false],
    ],
  ],
  [
    '532929',
    '云龙县',
    'yunlong',
    [
      ['诺邓镇', true],
      ['漕涧镇', false],
    ],
  ],
  [
    '532930',
    '洱源县',
    'eryuan',
    [
      ['茈碧湖镇', true],
      ['邓川镇', false],
    ],
  ],
  [
    '532931',
    '剑川县',
    'jianchuan',
    [
      ['金华镇', true],
      ['沙溪镇', false],
    ],
  ],
  [
    '532932',
    '鹤庆县',
    'heqing',
    [
      ['云鹤镇', true],
      ['草海镇', false],
    ],
  ],
];

/** Named villages where they are known; elsewhere a community and a village named after the township. */
const NAMED_VILLAGES: Record<string, [string, boolean][]> = {
  下关街道: [
    ['文盛社区', true],
    ['龙泉社区', true],
  ],
  大理镇: [
    ['北门社区', true],
    ['才村', false],
  ],
  喜洲镇: [
    ['喜洲村', false],
    ['周城村', false],
  ],
};

export const COUNTIES: SeedCounty[] = COUNTY_TOWNSHIPS.map(([code, name, short, townships]) => ({
  code,
  name,
  short,
  townships: townships.map(([townshipName, urban], t) => {
    const townshipCode = `${code}${String(t + 1).padStart(3, '0')}`;
    const base = townshipName.replace(/(街道|镇)$/, '');
    const villages = NAMED_VILLAGES[townshipName] ?? [
      [`${base}社区`, true],
      [`${base}村`, false],
    ];
    return {
      code: townshipCode,
      name: townshipName,
      urban,
      villages: villages.map(([villageName, villageUrban], v) => ({
        code: `${townshipCode}${String(v + 1).padStart(3, '0')}`,
        name: villageName,
        urban: villageUrban,
      })),
    };
  }),
}));

/** County-level bureaus that take part in assistance, with the short code used in their unit id. */
export const COUNTY_DEPARTMENTS = [
  ['CIVIL_AFFAIRS', 'MZ', '民政局'],
  ['FINANCE', 'CZ', '财政局'],
  ['EDUCATION', 'JY', '教育体育局'],
  ['LABOUR', 'RS', '人力资源和社会保障局'],
  ['HEALTH', 'WJ', '卫生健康局'],
  ['HOUSING', 'ZJ', '住房和城乡建设局'],
  ['JUSTICE', 'SF', '司法局'],
  // The bureaus answering the household economic check 家庭经济状况核对 (domain/economic-check.ts).
  ['PUBLIC_SECURITY', 'GA', '公安局'],
  ['NATURAL_RESOURCES', 'ZR', '自然资源局'],
  ['MARKET_REGULATION', 'SC', '市场监督管理局'],
  ['TAX', 'SW', '税务局'],
  ['CHECK_CENTRE', 'HD', '居民家庭经济状况核对中心'],
] as const;

/**
 * China's official holidays and adjusted working days of 2026 as published by the State
 * Council (general knowledge: staff should check them against the notice and edit them).
 */
export const CALENDAR_2026: [date: string, kind: 'HOLIDAY' | 'WORKDAY', name: string][] = [
  ['2026-01-01', 'HOLIDAY', '元旦'],
  ['2026-01-02', 'HOLIDAY', '元旦'],
  ['2026-01-04', 'WORKDAY', '元旦调休'],
  ['2026-02-14', 'WORKDAY', '春节调休'],
  ['2026-02-16', 'HOLIDAY', '春节'],
  ['2026-02-17', 'HOLIDAY', '春节'],
  ['2026-02-18', 'HOLIDAY', '春节'],
  ['2026-02-19', 'HOLIDAY', '春节'],
  ['2026-02-20', 'HOLIDAY', '春节'],
  ['2026-02-23', 'HOLIDAY', '春节'],
  ['2026-02-28', 'WORKDAY', '春节调休'],
  ['2026-04-06', 'HOLIDAY', '清明节'],
  ['2026-05-01', 'HOLIDAY', '劳动节'],
  ['2026-05-04', 'HOLIDAY', '劳动节'],
  ['2026-05-05', 'HOLIDAY', '劳动节'],
  ['2026-05-09', 'WORKDAY', '劳动节调休'],
  ['2026-06-19', 'HOLIDAY', '端午节'],
  ['2026-09-20', 'WORKDAY', '国庆节调休'],
  ['2026-09-25', 'HOLIDAY', '中秋节'],
  ['2026-10-01', 'HOLIDAY', '国庆节'],
  ['2026-10-02', 'HOLIDAY', '国庆节'],
  ['2026-10-05', 'HOLIDAY', '国庆节'],
  ['2026-10-06', 'HOLIDAY', '国庆节'],
  ['2026-10-07', 'HOLIDAY', '国庆节'],
  ['2026-10-10', 'WORKDAY', '国庆节调休'],
];

/** Monthly 低保 standards per county from 2026-01-01 (general knowledge: counties set their own). */
export const STANDARDS_2026 = { DIBAO_URBAN: 830, DIBAO_RURAL: 560 } as const;
