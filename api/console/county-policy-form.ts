import { REBUILDING_STAGES, type RebuildingStage } from '../../domain/disaster-rebuilding';
import { ADD_ON_CATEGORIES, type CountyPolicy } from '../../domain/county-policy';
import { valueAt } from '../../domain/county-policy-changes';
import { INCOME_KINDS } from '../../domain/income';
import { TEMPORARY_CAUSES, type TemporaryCause } from '../../domain/temporary-assistance';

/**
 * The 县级政策 form: every figure of domain/county-policy.ts, by section, with its zh-CN label
 * and how it is entered. The form posts the whole policy (names `policy.<path>`), so the API
 * checks it with the domain's own schema; test/unit/county-policy-form.test.ts fails when a
 * figure of the schema has no field here.
 */
export type PolicyFieldKind =
  | 'days' // { days, unit }
  | 'fraction' // { numerator, denominator }
  | 'integer'
  | 'number'
  | 'share' // 0–1
  | 'yuan'
  | 'yuanOrNone' // a number, or blank for none (null)
  | 'shareOrNone'
  | 'boolean'
  | 'text'
  | 'incomeKinds'
  | 'addOnRate'; // none (null), a fixed amount, or a share of the standard

export interface PolicyField {
  path: string;
  label: string;
  kind: PolicyFieldKind;
  hint?: string;
}

export interface PolicySection {
  id: string;
  title: string;
  fields: PolicyField[];
}

const days = (path: string, label: string): PolicyField => ({ path, label, kind: 'days' });

const ADD_ON_RATES = (Object.entries(ADD_ON_CATEGORIES) as [keyof typeof ADD_ON_CATEGORIES, string][]).map(
  ([category, label]): PolicyField => ({
    path: `classifiedAddOns.rates.${category}`,
    label,
    kind: 'addOnRate',
  }),
);

export const POLICY_SECTIONS: PolicySection[] = [
  {
    id: 'step-limits',
    title: '低保办理时限',
    fields: [
      days('stepLimits.acceptance', '受理'),
      days('stepLimits.investigationStart', '开始入户调查'),
      days('stepLimits.investigation', '入户调查'),
      days('stepLimits.appraisal', '民主评议'),
      days('stepLimits.townshipReview', '乡镇审核'),
      days('stepLimits.publicNotice', '公示'),
      days('stepLimits.countyApproval', '县级审批'),
      days('stepLimits.refusalLetter', '不予批准告知'),
      days('stepLimits.overall', '办理总时限'),
      days('stepLimits.overallExtended', '延长后的总时限'),
    ],
  },
  {
    id: 'appraisal',
    title: '民主评议',
    fields: [
      { path: 'appraisal.quorum', label: '到会人数比例', kind: 'fraction' },
      { path: 'appraisal.passShare', label: '通过比例', kind: 'fraction' },
    ],
  },
  {
    id: 'income-assets',
    title: '收入与财产',
    fields: [
      { path: 'incomeNotCounted', label: '不计入家庭收入的项目', kind: 'incomeKinds' },
      { path: 'assetLimits.depositsPerCapitaMaxYuan', label: '人均存款上限（元）', kind: 'yuan' },
      { path: 'assetLimits.vehicleAllowed', label: '可拥有机动车', kind: 'boolean' },
      { path: 'assetLimits.secondHomeAllowed', label: '可拥有第二套住房', kind: 'boolean' },
      { path: 'assetLimits.registeredBusinessAllowed', label: '可登记经营企业', kind: 'boolean' },
      { path: 'assetLimits.note', label: '财产认定说明', kind: 'text' },
    ],
  },
  {
    id: 'benefit',
    title: '保障金额与分类施保',
    fields: [
      {
        path: 'benefit.floorShareOfStandard',
        label: '每人最低补差（占保障标准的比例）',
        kind: 'shareOrNone',
        hint: '留空：不设最低补差',
      },
      { path: 'classifiedAddOns.elderlyMinAge', label: '分类施保老年人起始年龄', kind: 'integer' },
      ...ADD_ON_RATES,
      { path: 'classifiedAddOns.note', label: '分类施保说明', kind: 'text' },
      {
        path: 'singlePersonInclusion.incomeMultiplier',
        label: '单人保：收入不超过保障标准的倍数',
        kind: 'number',
      },
    ],
  },
  {
    id: 'recertification',
    title: '复核与渐退',
    fields: [
      { path: 'recertification.stableMonths', label: '收入稳定家庭复核间隔（月）', kind: 'integer' },
      { path: 'recertification.irregularMonths', label: '收入不稳定家庭复核间隔（月）', kind: 'integer' },
      { path: 'phaseOutMonths', label: '渐退期（月）', kind: 'integer' },
    ],
  },
  {
    id: 'referrals',
    title: '转介时限',
    fields: [
      days('referralServiceLevels.confirm', '乡镇确认转介建议'),
      days('referralServiceLevels.accept', '部门接收'),
      days('referralServiceLevels.complete', '部门办结'),
      days('tipOffVerification', '举报投诉核查'),
      days('economicCheckAnswer', '部门答复家庭经济状况核对'),
      { path: 'randomChecks.share', label: '每季度随机抽查比例', kind: 'share' },
      days('randomChecks.visit', '随机抽查入户核查'),
    ],
  },
  {
    id: 'medical',
    title: '医疗救助',
    fields: [
      {
        path: 'medicalAssistance.premiumSubsidyShare.extremePoverty',
        label: '特困人员参保资助比例',
        kind: 'share',
      },
      { path: 'medicalAssistance.premiumSubsidyShare.dibao', label: '低保对象参保资助比例', kind: 'share' },
      { path: 'medicalAssistance.residentPremiumYuan', label: '城乡居民医保个人缴费（元/年）', kind: 'yuan' },
      {
        path: 'medicalAssistance.largeOutOfPocketYuan',
        label: '转介医疗救助的自付费用线（元）',
        kind: 'yuan',
      },
      ...(
        [
          ['extremePoverty', '特困人员'],
          ['dibao', '低保对象'],
          ['lowIncome', '低收入（边缘）家庭成员'],
          ['illnessImpoverished', '因病致贫家庭成员'],
        ] as const
      ).flatMap(([category, name]): PolicyField[] => [
        {
          path: `medicalAssistance.costAssistance.${category}.share`,
          label: `${name}救助比例`,
          kind: 'share',
        },
        {
          path: `medicalAssistance.costAssistance.${category}.deductibleYuan`,
          label: `${name}年度起付线（元）`,
          kind: 'yuan',
        },
        {
          path: `medicalAssistance.costAssistance.${category}.yearlyCapYuan`,
          label: `${name}年度救助限额（元）`,
          kind: 'yuan',
        },
      ]),
      days('medicalAssistance.stepLimits.claimCheck', '医疗救助乡镇审核'),
      days('medicalAssistance.stepLimits.claimApproval', '医疗救助县级审批'),
      days('medicalAssistance.stepLimits.advanceSettlement', '事前救助出院结算'),
      { path: 'medicalAssistance.note', label: '医疗救助说明', kind: 'text' },
    ],
  },
  {
    id: 'extreme-poverty',
    title: '特困人员救助供养',
    fields: [
      { path: 'extremePoverty.minorAgeLimit', label: '未成年人年龄上限（周岁）', kind: 'integer' },
      { path: 'extremePoverty.basicLivingMultiplier', label: '基本生活标准为低保标准的倍数', kind: 'number' },
      {
        path: 'extremePoverty.incomeLimitMonthlyYuan',
        label: '“无收入”认定线（元/月）',
        kind: 'yuanOrNone',
        hint: '留空：有固定收入即不符合',
      },
      {
        path: 'extremePoverty.careStandards.selfCare',
        label: '照料护理标准：生活自理（元/月）',
        kind: 'yuan',
      },
      {
        path: 'extremePoverty.careStandards.partialLoss',
        label: '照料护理标准：部分丧失（元/月）',
        kind: 'yuan',
      },
      {
        path: 'extremePoverty.careStandards.fullLoss',
        label: '照料护理标准：完全丧失（元/月）',
        kind: 'yuan',
      },
      days('extremePoverty.stepLimits.investigation', '特困：调查核实'),
      days('extremePoverty.stepLimits.countyConfirmation', '特困：县级确认'),
      days('extremePoverty.stepLimits.objectionReinvestigation', '特困：异议复查'),
      days('extremePoverty.stepLimits.reassessment', '特困：护理等级重新评估'),
      days('extremePoverty.stepLimits.terminationObjection', '特困：终止异议'),
      days('extremePoverty.stepLimits.bedOfferAcceptance', '特困：床位确认'),
      days('extremePoverty.stepLimits.noticeDays', '特困：公示'),
      { path: 'extremePoverty.reviewMonths', label: '特困年度复核间隔（月）', kind: 'integer' },
      { path: 'extremePoverty.schoolAgeLimit', label: '在校就读延长供养至（周岁）', kind: 'integer' },
      { path: 'extremePoverty.note', label: '特困政策说明', kind: 'text' },
    ],
  },
  {
    id: 'temporary',
    title: '临时救助',
    fields: [
      ...(Object.entries(TEMPORARY_CAUSES) as [TemporaryCause, string][]).map(
        ([cause, label]): PolicyField => ({
          path: `temporaryAssistance.monthsOfStandard.${cause}`,
          label: `${label}：救助月数（按低保标准）`,
          kind: 'number',
        }),
      ),
      {
        path: 'temporaryAssistance.capMonthsOfStandard',
        label: '单次救助上限（低保标准的月数）',
        kind: 'number',
      },
      { path: 'temporaryAssistance.urgentCapYuan', label: '先行救助上限（元）', kind: 'yuan' },
      {
        path: 'temporaryAssistance.repeatWindowMonths',
        label: '同一人同一原因再次救助间隔（月）',
        kind: 'integer',
      },
      days('temporaryAssistance.stepLimits.urgentGrant', '临时救助：先行救助'),
      days('temporaryAssistance.stepLimits.investigation', '临时救助：调查核实'),
      days('temporaryAssistance.stepLimits.countyApproval', '临时救助：县级审批'),
      days('temporaryAssistance.stepLimits.overall', '临时救助：办理总时限'),
      days('temporaryAssistance.stepLimits.overallExtended', '临时救助：延长后总时限'),
      { path: 'temporaryAssistance.note', label: '临时救助政策说明', kind: 'text' },
    ],
  },
  {
    id: 'vagrant',
    title: '流浪乞讨人员救助',
    fields: [
      { path: 'vagrant.tracingNoticeHours', label: '寻亲公告时限（入站后小时数）', kind: 'integer' },
      { path: 'vagrant.stayDays', label: '成年人站内救助期限（日）', kind: 'integer' },
      { path: 'vagrant.maxExtensionDays', label: '延长救助期限累计上限（日）', kind: 'integer' },
      { path: 'vagrant.adultAge', label: '适用站内救助期限的成年年龄（周岁）', kind: 'integer' },
      { path: 'vagrant.minorReferralHours', label: '未成年人移交时限（入站后小时数）', kind: 'integer' },
      { path: 'vagrant.stayWarningHours', label: '救助期限临近提醒（剩余小时数）', kind: 'integer' },
      { path: 'vagrant.note', label: '流浪乞讨人员救助说明', kind: 'text' },
    ],
  },
  {
    id: 'disaster',
    title: '灾害救助',
    fields: [
      {
        path: 'disasterRelief.transitionalDailyYuan',
        label: '过渡期生活救助（元/人·天）',
        kind: 'yuan',
      },
      { path: 'disasterRelief.transitionalMonths', label: '过渡期生活救助最长月数', kind: 'integer' },
      ...(Object.entries(REBUILDING_STAGES) as [RebuildingStage, string][]).map(
        ([stage, label]): PolicyField => ({
          path: `disasterRelief.rebuildingStageShares.${stage}`,
          label: `恢复重建补助：${label}拨付比例`,
          kind: 'share',
        }),
      ),
      { path: 'disasterRelief.note', label: '灾害救助政策说明', kind: 'text' },
    ],
  },
  {
    id: 'charity-supermarket',
    title: '爱心超市积分',
    fields: [
      { path: 'charitySupermarket.pointsPerHousehold', label: '每户每月积分', kind: 'integer' },
      {
        path: 'charitySupermarket.pointsPerExtraMember',
        label: '每增加一名家庭成员加发积分',
        kind: 'integer',
        hint: '填 0 则每户相同',
      },
      { path: 'charitySupermarket.membersCountedMax', label: '最多计算人数', kind: 'integer' },
      { path: 'charitySupermarket.note', label: '积分政策说明', kind: 'text' },
    ],
  },
];

const INCOME_KIND_OPTIONS = Object.entries(INCOME_KINDS).map(([value, label]) => ({ value, label }));

/** The sections with each field's current value, as the template renders them. */
export function policyFormView(policy: CountyPolicy, editable: boolean) {
  return POLICY_SECTIONS.map((section) => ({
    ...section,
    fields: section.fields.map((field) => {
      const value = valueAt(policy, field.path);
      const rate =
        field.kind === 'addOnRate' ? (value as { kind: string; yuan?: number; share?: number } | null) : null;
      return {
        ...field,
        name: `policy.${field.path}`,
        disabled: !editable,
        [`is_${field.kind}`]: true,
        value,
        ...(field.kind === 'incomeKinds' && {
          options: INCOME_KIND_OPTIONS.map((o) => ({ ...o, checked: (value as string[]).includes(o.value) })),
        }),
        ...(field.kind === 'addOnRate' && {
          rateKind: rate?.kind ?? '',
          yuan: rate?.yuan,
          share: rate?.share,
        }),
      };
    }),
  }));
}

const FIELD_BY_PATH = new Map(POLICY_SECTIONS.flatMap((s) => s.fields).map((f) => [f.path, f]));

/** A changed figure as the history shows it: its label, and its old and new value in words. */
export function describeChange(change: { field: string; from: unknown; to: unknown }) {
  const field = FIELD_BY_PATH.get(change.field);
  return {
    field: change.field,
    label: field?.label ?? change.field,
    from: describeValue(field?.kind, change.from),
    to: describeValue(field?.kind, change.to),
  };
}

function describeValue(kind: PolicyFieldKind | undefined, value: unknown): string {
  if (value === null || value === undefined) return kind === 'addOnRate' ? '不发放' : '—';
  const v = value as Record<string, unknown>;
  switch (kind) {
    case 'days':
      return `${String(v.days)} 个${v.unit === 'working' ? '工作日' : '自然日'}`;
    case 'fraction':
      return `${String(v.numerator)}/${String(v.denominator)}`;
    case 'addOnRate':
      return v.kind === 'fixed'
        ? `每月 ${String(v.yuan)} 元`
        : `保障标准的 ${Math.round(Number(v.share) * 1000) / 10}%`;
    case 'boolean':
      return value ? '是' : '否';
    case 'incomeKinds':
      return (
        (value as string[]).map((k) => INCOME_KINDS[k as keyof typeof INCOME_KINDS] ?? k).join('、') || '—'
      );
    default:
      return String(value);
  }
}
