package jiuzhu.bench.flowable;

import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/**
 * A transition no person makes (a notice posted or ended, a deadline passed, the case closed),
 * configured in the BPMN by fields: eventType, change (a ReadModelWrite.Change), and optionally
 * step and status. Keyed by the execution and a per-process counter, so each firing writes once.
 */
public class CaseTransition implements JavaDelegate {
  private Expression eventType;
  private Expression change;
  private Expression step;
  private Expression status;

  @Override
  public void execute(DelegateExecution execution) {
    Integer count = (Integer) execution.getVariable("transitions");
    int next = count == null ? 1 : count + 1;
    execution.setVariable("transitions", next);
    ReadModelWrite.Change kind = ReadModelWrite.Change.valueOf(text(change, execution));
    String type = text(eventType, execution);
    ReadModelWrite.write(
        execution,
        "flowable/" + execution.getProcessInstanceId() + "/" + type + "/" + next,
        type,
        step == null ? null : text(step, execution),
        null,
        kind,
        status == null ? null : text(status, execution));
  }

  private static String text(Expression expression, DelegateExecution execution) {
    Object value = expression.getValue(execution);
    return value == null ? null : value.toString();
  }
}
