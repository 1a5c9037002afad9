import type { Client } from 'pg';
import { memberName } from './households';

/**
 * Referrals of enrolled 低保 households to the county's bureaus: one household in five has one,
 * one in sixteen two. Kinds in the shares the needs rules propose them (education 35 %,
 * housing 20 %, labour 25 %, justice 5 %, health 15 %). Those of an enrolled household: 22 %
 * open (proposed, sent, accepted, in progress: recent, overdue once past their due date), the
 * others answered; an exited household's all ended, 15 % closed by the exit.
 */

const KINDS = `(VALUES
  ('compulsoryEducationAid', 'EDUCATION', 'JY', 0.00, 0.20, '子女就读义务教育阶段，申请两免一补'),
  ('studentAid',             'EDUCATION', 'JY', 0.20, 0.30, '子女就读高中，申请学生资助'),
  ('returnToSchool',         'EDUCATION', 'JY', 0.30, 0.35, '适龄子女辍学在家'),
  ('rentalSubsidy',          'HOUSING',   'ZJ', 0.35, 0.47, '租住私房，申请租赁补贴'),
  ('publicRentalAllocation', 'HOUSING',   'ZJ', 0.47, 0.52, '无自有住房，申请公租房实物配租'),
  ('rentReduction',          'HOUSING',   'ZJ', 0.52, 0.55, '公租房承租户，申请租金核减'),
  ('jobReferral',            'LABOUR',    'RS', 0.55, 0.72, '有劳动能力成员未就业'),
  ('publicWelfarePost',      'LABOUR',    'RS', 0.72, 0.80, '部分丧失劳动能力，申请公益性岗位'),
  ('legalAid',               'JUSTICE',   'SF', 0.80, 0.85, '涉及赡养纠纷，申请法律援助'),
  ('medicalAssistance',      'HEALTH',    'WJ', 0.85, 1.01, '自付医疗费用较高，申请医疗救助')
) AS kind(name, department, code, lo, hi, reason)`;

const REFERRALS = `
INSERT INTO "Referral" (id, "referralNo", "caseId", department, "receivingUnitId", "countyId", "villagePath", kind,
  "memberName", reason, source, status, "dueAt", "acceptDueAt", "completeDueAt", overdue, handler,
  "proposedAt", "sentAt", "acceptedAt", "endedAt", "workflowId", "createdAt", "updatedAt")
SELECT id, referral_no, case_id, department::"DepartmentKind", receiving_unit, county_id, village_path, kind,
       member_name, reason, source, status,
       CASE status WHEN 'PROPOSED' THEN proposed_at + interval '7 days'
                   WHEN 'SENT' THEN sent_at + interval '7 days'
                   WHEN 'ACCEPTED' THEN accepted_at + interval '28 days'
                   WHEN 'IN_PROGRESS' THEN accepted_at + interval '28 days' END,
       sent_at + interval '7 days', accepted_at + interval '28 days',
       coalesce(CASE status WHEN 'PROPOSED' THEN proposed_at + interval '7 days'
                            WHEN 'SENT' THEN sent_at + interval '7 days'
                            WHEN 'ACCEPTED' THEN accepted_at + interval '28 days'
                            WHEN 'IN_PROGRESS' THEN accepted_at + interval '28 days' END < $1::date, false),
       CASE WHEN accepted_at IS NOT NULL THEN '经办人' END,
       proposed_at, sent_at, accepted_at, ended_at,
       'referral-' || referral_no, proposed_at, coalesce(ended_at, accepted_at, sent_at, proposed_at)
FROM (
  SELECT r.*,
         CASE WHEN status IN ('PROPOSED', 'DISMISSED') THEN NULL ELSE proposed_at + to_send END AS sent_at,
         CASE WHEN status IN ('ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'UNABLE_TO_HELP', 'MEMBER_REFUSED')
                   OR (status = 'CLOSED' AND u3 < 0.5)
              THEN proposed_at + to_send + to_accept END AS accepted_at,
         CASE WHEN status IN ('COMPLETED', 'UNABLE_TO_HELP', 'MEMBER_REFUSED')
                THEN proposed_at + to_send + to_accept + interval '3 days' + interval '37 days' * u4
              WHEN status = 'DECLINED' THEN proposed_at + to_send + interval '1 day' + interval '4 days' * u4
              WHEN status = 'DISMISSED' THEN proposed_at + interval '1 day' + interval '2 days' * u4
              WHEN status = 'CLOSED' THEN exited_at END AS ended_at
  FROM (
    SELECT q.*,
           -- An open one was proposed age ago (at most 10, 10 or 70 days for proposed, sent,
           -- accepted), sent after a fifth of it and accepted after a further third.
           CASE WHEN open THEN $1::date::timestamp - age ELSE decided_at + interval '1 day' + span_closed * u1 END
             AS proposed_at,
           CASE WHEN open THEN age * 0.2 ELSE interval '1 day' + interval '3 days' * u2 END AS to_send,
           CASE WHEN open THEN age * 0.3 ELSE interval '2 hours' + interval '8 days' * u3 END AS to_accept
    FROM (
      SELECT w.*, status IN ('PROPOSED', 'SENT', 'ACCEPTED', 'IN_PROGRESS') AS open,
             greatest(interval '1 hour', least($1::date::timestamp - decided_at - interval '1 day',
                   CASE WHEN status IN ('PROPOSED', 'SENT') THEN interval '10 days' ELSE interval '70 days' END))
               * u1 AS age
      FROM (
      SELECT p.case_no || '-Z0' || k AS referral_no, md5('referral-' || p.i || '-' || k)::uuid::text AS id,
             p.case_id::text AS case_id, p.county_id, p.village_path, p.decided_at, p.exited_at,
             kind.name AS kind, kind.department, p.county_id || '-' || kind.code AS receiving_unit, kind.reason,
             ${memberName('p.i', '1')} AS member_name,
             CASE WHEN bench_r(p.i * 10 + k, 64) < 0.8 THEN 'proposed' ELSE 'manual' END AS source,
             CASE WHEN p.fate = 'exited' THEN
                    CASE WHEN u.s < 0.55 THEN 'COMPLETED' WHEN u.s < 0.63 THEN 'UNABLE_TO_HELP'
                         WHEN u.s < 0.68 THEN 'MEMBER_REFUSED' WHEN u.s < 0.75 THEN 'DECLINED'
                         WHEN u.s < 0.85 THEN 'DISMISSED' ELSE 'CLOSED' END
                  ELSE
                    CASE WHEN u.s < 0.03 THEN 'PROPOSED' WHEN u.s < 0.09 THEN 'SENT'
                         WHEN u.s < 0.14 THEN 'ACCEPTED' WHEN u.s < 0.22 THEN 'IN_PROGRESS'
                         WHEN u.s < 0.77 THEN 'COMPLETED' WHEN u.s < 0.84 THEN 'UNABLE_TO_HELP'
                         WHEN u.s < 0.88 THEN 'MEMBER_REFUSED' WHEN u.s < 0.94 THEN 'DECLINED'
                         ELSE 'DISMISSED' END
             END AS status,
             greatest(interval '1 day',
                      coalesce(p.exited_at, $1::date::timestamp) - interval '60 days' - p.decided_at) AS span_closed,
             bench_r(p.i * 10 + k, 65) AS u1, bench_r(p.i * 10 + k, 66) AS u2,
             bench_r(p.i * 10 + k, 67) AS u3, bench_r(p.i * 10 + k, 68) AS u4
      FROM bench_plan p
      CROSS JOIN LATERAL generate_series(1, CASE WHEN bench_r(p.i, 60) < 0.06 THEN 2
                                                 WHEN bench_r(p.i, 60) < 0.26 THEN 1 ELSE 0 END) AS k
      CROSS JOIN LATERAL (SELECT bench_r(p.i * 10 + k, 62) AS s, bench_r(p.i * 10 + k, 63) AS pick) AS u
      JOIN ${KINDS} ON u.pick >= kind.lo AND u.pick < kind.hi
      WHERE p.family = 'dibao' AND p.fate IN ('enrolled', 'exited')
      ) AS w
    ) AS q
  ) AS r
) AS referral`;

export async function writeReferrals(client: Client, today: string): Promise<void> {
  await client.query(REFERRALS, [today]);
}
