package jiuzhu.bench.flowable;

import org.flowable.engine.delegate.TaskListener;
import org.flowable.task.service.delegate.DelegateTask;

/** A user task is completed (the Update): the decision is recorded with its payload. */
public class StepDecided implements TaskListener {
  @Override
  public void notify(DelegateTask task) {
    ReadModelWrite.write(
        task, "flowable/" + task.getId() + "/decided", "stepDecided", task.getTaskDefinitionKey(),
        (String) task.getVariable("decision"), ReadModelWrite.Change.NONE, null);
  }
}
