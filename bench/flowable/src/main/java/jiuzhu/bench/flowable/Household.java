package jiuzhu.bench.flowable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowable.engine.ProcessEngine;
import org.flowable.job.api.Job;
import org.flowable.task.api.Task;

/**
 * One household through the application, as bench/lifecycle.ts drives one through Jiuzhu:
 * each step is decided as soon as it is open (completing the user task is the Update), the
 * next step's opening is polled every 10 ms in the read model (the case row, as Jiuzhu's driver
 * polls it), and the notice period is not waited for.
 */
final class Household {
  static final long POLL_INTERVAL_MS = 10;
  static final long POLL_TIMEOUT_MS = 60_000;

  /** The decisions, in order, with the payload each carries (the same shapes as CaseDriver's). */
  static final List<String[]> STEPS =
      List.of(
          new String[] {"acceptance", "accept", "xiang.xizhou", "townshipOfficer", "{\"decision\":\"accept\"}"},
          new String[] {
            "investigation", "consistent", "xiang.xizhou", "townshipOfficer",
            "{\"homeVisit\":{\"visitedOn\":\"2026-11-30\",\"visitors\":[\"赵乡镇经办\",\"段社工\"],"
                + "\"signedByVisitorsAndApplicant\":true},\"neighbourInterviews\":[{\"name\":\"邻居张某\","
                + "\"summary\":\"家庭确有困难，丈夫长期患病\"}],\"incomes\":[{\"memberIndex\":0,\"kind\":\"wages\","
                + "\"amountYuan\":300,\"period\":\"monthly\"}],\"assets\":{\"depositsYuan\":3000,\"vehicles\":0,"
                + "\"homes\":1,\"registeredBusiness\":false},\"dataCheck\":{\"reportNo\":\"HD-2026-1130-017\","
                + "\"result\":\"consistent\"}}"
          },
          new String[] {
            "appraisal", "passed", "cun.xizhou", "villageOfficer",
            "{\"heldOn\":\"2026-12-03\",\"representativesTotal\":12,\"present\":10,\"votesFor\":9,"
                + "\"votesAgainst\":1,\"abstentions\":0,\"minutes\":\"村民代表会议评议，多数认为符合条件\"}"
          },
          new String[] {"townshipReview", "approve", "xiang.xizhou", "townshipOfficer", "{\"decision\":\"approve\"}"},
          new String[] {
            "countyApproval", "approve", "xian.dali", "countyOfficer",
            "{\"decision\":\"approve\",\"monthlyAmountYuan\":1660}"
          });

  private final ProcessEngine engine;
  private final DriverPool driver;
  private final Figures figures;

  Household(ProcessEngine engine, DriverPool driver, Figures figures) {
    this.engine = engine;
    this.driver = driver;
    this.figures = figures;
  }

  /** Starts the case's process and walks it to its end; answers the process instance id. */
  String run(String caseId, Map<String, Object> units) throws Exception {
    Map<String, Object> variables = new HashMap<>(units);
    variables.put("caseId", caseId);
    String processId =
        engine.getRuntimeService()
            .startProcessInstanceByKey("dibaoApplication", caseId, variables)
            .getId();
    Task open = awaitStep(caseId, processId, "acceptance");
    long noticePosted = 0;
    for (String[] step : STEPS) {
      String name = step[0];
      if (name.equals("countyApproval")) {
        noticePosted = System.nanoTime();
        open = skipNoticePeriod(caseId, processId, noticePosted);
      }
      Map<String, Object> decision = new HashMap<>();
      decision.put("decision", step[1]);
      decision.put("actorName", step[2]);
      decision.put("actorRole", step[3]);
      decision.put("payload", step[4]);
      long sent = System.nanoTime();
      engine.getTaskService().complete(open.getId(), decision);
      long returned = System.nanoTime();
      figures.update(name, millis(returned - sent));
      int index = STEPS.indexOf(step);
      if (index + 1 < STEPS.size() && !STEPS.get(index + 1)[0].equals("countyApproval")) {
        String next = STEPS.get(index + 1)[0];
        awaitReadModel(caseId, next);
        figures.stepToStep(name, millis(System.nanoTime() - returned));
        // Which task to complete: the API's own look-up before it acts, not timed (as in Jiuzhu).
        open = awaitTask(processId, next);
      }
    }
    awaitEnd(processId);
    figures.noticeShortcut(millis(System.nanoTime() - noticePosted));
    return processId;
  }

  /**
   * The 7-day notice is not waited (the bench runs on a real clock, as Jiuzhu's does): its timer
   * is made due now and the engine's async executor fires it, as it would on the seventh day.
   */
  private Task skipNoticePeriod(String caseId, String processId, long returned) throws Exception {
    awaitReadModel(caseId, "publicNotice");
    figures.stepToStep("townshipReview", millis(System.nanoTime() - returned));
    Job timer =
        poll(
            () ->
                engine.getManagementService().createTimerJobQuery().processInstanceId(processId).list()
                    .stream()
                    .filter(job -> "noticePeriod".equals(job.getElementId()))
                    .findFirst()
                    .orElse(null),
            "notice timer of " + processId);
    engine.getManagementService().moveTimerToExecutableJob(timer.getId());
    return awaitStep(caseId, processId, "countyApproval");
  }

  private Task awaitStep(String caseId, String processId, String step) throws Exception {
    awaitReadModel(caseId, step);
    return awaitTask(processId, step);
  }

  private void awaitReadModel(String caseId, String step) throws Exception {
    poll(() -> step.equals(driver.currentStep(caseId)) ? Boolean.TRUE : null, "step " + step + " of " + caseId);
  }

  private Task awaitTask(String processId, String step) throws Exception {
    return poll(
        () ->
            engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(processId)
                .taskDefinitionKey(step)
                .singleResult(),
        "step " + step + " of " + processId);
  }

  private void awaitEnd(String processId) throws Exception {
    poll(
        () ->
            engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processId).count() == 0
                ? Boolean.TRUE
                : null,
        "end of " + processId);
  }

  private interface Probe<T> {
    T get() throws Exception;
  }

  /** Probes at once, then every 10 ms, like bench/polling.ts. */
  private static <T> T poll(Probe<T> probe, String what) throws Exception {
    long until = System.currentTimeMillis() + POLL_TIMEOUT_MS;
    for (; ; ) {
      T value = probe.get();
      if (value != null) return value;
      if (System.currentTimeMillis() > until)
        throw new IllegalStateException("timed out waiting for " + what);
      Thread.sleep(POLL_INTERVAL_MS);
    }
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
