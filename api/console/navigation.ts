import type { Actor, StaffRole } from '../../domain/staff-roles';

interface NavItem {
  href: string;
  label: string;
}

/** The console's menu for each role: only the pages that role may use. */
export function navigationFor(actor: Actor, villageId: string | null): NavItem[] {
  const items: Record<StaffRole, NavItem[]> = {
    VILLAGE_ASSISTANT: [
      { href: '/', label: '我的待办' },
      { href: '/applications/new', label: '新申请' },
      ...(villageId ? [{ href: `/villages/${villageId}/notice-board`, label: '公示栏' }] : []),
      { href: '/disasters', label: '灾害救助' },
    ],
    TOWNSHIP_OFFICER: [
      { href: '/', label: '我的待办' },
      { href: '/applications/new', label: '新申请' },
      { href: '/referrals', label: '转介' },
      { href: '/care-homes', label: '供养机构' },
      { href: '/disasters', label: '灾害救助' },
      { href: '/pairings', label: '结对帮扶' },
      { href: '/tip-offs', label: '举报投诉' },
    ],
    COUNTY_APPROVER: [
      { href: '/', label: '我的待办' },
      { href: '/referrals', label: '转介' },
      { href: '/care-homes', label: '供养机构' },
      { href: '/rescue-stations', label: '救助管理站' },
      { href: '/county-policy', label: '县级政策' },
      { href: '/payment-rolls', label: '发放名册' },
      { href: '/funds', label: '资金' },
      { href: '/donations', label: '社会捐赠' },
      { href: '/supermarkets', label: '爱心超市' },
      { href: '/pairings', label: '结对帮扶' },
      { href: '/disasters', label: '灾害救助' },
      { href: '/tip-offs', label: '举报投诉' },
      { href: '/random-checks', label: '随机抽查' },
    ],
    DEPARTMENT_OFFICER: [
      { href: '/referrals', label: '转介收件箱' },
      { href: '/economic-checks', label: '家庭经济状况核对' },
    ],
    SUPERVISOR: [
      { href: '/dashboard', label: '督办看板' },
      { href: '/reports', label: '统计报表' },
      { href: '/referrals', label: '转介' },
      { href: '/care-homes', label: '供养机构' },
      { href: '/rescue-stations', label: '救助管理站' },
      { href: '/security-log', label: '安全日志' },
      { href: '/county-policy', label: '县级政策' },
      { href: '/payment-rolls', label: '发放名册' },
      { href: '/funds', label: '资金' },
      { href: '/donations', label: '社会捐赠' },
      { href: '/supermarkets', label: '爱心超市' },
      { href: '/pairings', label: '结对帮扶' },
      { href: '/disasters', label: '灾害救助' },
      { href: '/tip-offs', label: '举报投诉' },
      { href: '/economic-checks', label: '家庭经济状况核对' },
      { href: '/random-checks', label: '随机抽查' },
    ],
    ADMINISTRATOR: [
      { href: '/dashboard', label: '督办看板' },
      { href: '/reports', label: '统计报表' },
      { href: '/security-log', label: '安全日志' },
      { href: '/accounts', label: '账号管理' },
      { href: '/org-units', label: '组织机构' },
      { href: '/calendar', label: '节假日' },
      { href: '/county-policy', label: '县级政策' },
      { href: '/payment-rolls', label: '发放名册' },
      { href: '/funds', label: '资金' },
      { href: '/donations', label: '社会捐赠' },
      { href: '/supermarkets', label: '爱心超市' },
      { href: '/pairings', label: '结对帮扶' },
      { href: '/disasters', label: '灾害救助' },
    ],
    CARE_HOME_MANAGER: [{ href: '/care-homes', label: '供养机构' }],
  };
  return items[actor.role];
}

/** Where a role lands after signing in. */
export function homeOf(role: StaffRole): string {
  if (role === 'DEPARTMENT_OFFICER') return '/referrals';
  if (role === 'CARE_HOME_MANAGER') return '/care-homes';
  if (role === 'SUPERVISOR' || role === 'ADMINISTRATOR') return '/dashboard';
  return '/tasks';
}
