import { householdCases } from '../../api/household-cases';
import { medicalCaseKey, openMedicalCaseForReferral } from '../../activities/medical-referrals';
import { CaseDriver } from '../support/case-driver';
import { actorFor, dibaoApplication, waitFor } from '../support/fixtures';
import { MedicalDriver } from '../support/medical-driver';
import { DEPARTMENT_OFFICERS, ReferralDriver, staffAddress } from '../support/referral-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

describe('转介 → 医疗救助: a serious-illness referral opens the member’s medical assistance case', () => {
  test('confirmed and sent, the health referral opens one MEDICAL case of the ill member, on the household file', async () => {
    const e = await CaseDriver.file(harness.env, harness.db, dibaoApplication()).then((c) => c.toEnrolment());
    const referrals = await ReferralDriver.ofCase(e, 2, { source: 'proposed' });
    const rows = await Promise.all(referrals.map((r) => r.row()));
    const index = rows.findIndex((r) => r.kind === 'medicalAssistance');
    const health = referrals[index]!;
    const ill = rows[index]!;
    expect(ill.memberId).not.toBeNull();
    await health.act('confirm', 'xiang.xizhou', {});

    // The health bureau still gets its referral letter, by real SMTP.
    await waitFor(
      async () =>
        harness.inbox.received.some(
          (m) =>
            m.to.includes(staffAddress(DEPARTMENT_OFFICERS.HEALTH)) && m.subject.includes(health.referralNo),
        ),
      'referral mail to the health bureau',
    );

    // The medical case: the ill member as applicant, the household's village and address.
    const medical = await waitFor(
      () =>
        harness.db.case.findUnique({
          where: { idempotencyKey: medicalCaseKey(health.referralNo) },
          include: { household: { include: { members: true } } },
        }),
      'medical case opened',
    );
    const enrolment = await harness.db.case.findUniqueOrThrow({
      where: { id: e.caseId },
      include: { household: { include: { members: true } } },
    });
    const member = enrolment.household.members.find((m) => m.id === ill.memberId)!;
    expect(medical.programmeCode).toBe('MEDICAL');
    expect(medical.caseNo).toMatch(/^YL-/);
    expect(medical.applicantName).toBe(member.name);
    expect(medical.villageId).toBe(enrolment.villageId);
    expect(medical.household.address).toBe(enrolment.household.address);
    expect(medical.household.members.map((m) => [m.idNumber, m.relation])).toEqual([
      [member.idNumber, 'APPLICANT'],
    ]);

    // Its workflow runs and waits for the township's check of the bills.
    const m = CaseDriver.attach(harness.env, harness.db, medical.id, medical.workflowId);
    await m.reach('medicalCheck');

    // Findable from the referral's case log, with the category the enrolment implies.
    const [opened] = await e.eventsOf('medicalCaseOpened');
    expect(opened!.payload).toMatchObject({
      fromReferralNo: health.referralNo,
      medicalCaseNo: medical.caseNo,
      category: 'dibao',
    });
    // …and from the household file (一户一档) of the 低保 case.
    const township = await actorFor(harness.db, 'xiang.xizhou');
    const file = await householdCases(harness.db, township, e.caseId, [member.idNumber]);
    expect(file.map((c) => c.caseNo)).toContain(medical.caseNo);

    // A retried activity opens nothing twice.
    await waitFor(
      async () => (await harness.db.case.findUniqueOrThrow({ where: { id: medical.id } })).workflowStartedAt,
      'medical workflow started',
    );
    const again = await openMedicalCaseForReferral(harness.db, harness.env.client, {
      referralNo: health.referralNo,
      caseId: e.caseId,
      memberId: member.id,
      actor: township,
    });
    expect(again.caseId).toBe(medical.id);
    const medicalCases = await harness.db.case.count({
      where: { programmeCode: 'MEDICAL', household: { members: { some: { idNumber: member.idNumber } } } },
    });
    expect(medicalCases).toBe(1);
    expect(await e.eventsOf('medicalCaseOpened')).toHaveLength(1);

    // The claim then goes through like any other, at the 低保 share.
    await MedicalDriver.check(m, { category: 'dibao', selfPaidYuan: 10_000 });
    await m.reach('medicalApproval');
    await m.discard();
  });
});
