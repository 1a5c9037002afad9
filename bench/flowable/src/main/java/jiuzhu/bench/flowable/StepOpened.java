package jiuzhu.bench.flowable;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.flowable.engine.delegate.TaskListener;
import org.flowable.task.service.delegate.DelegateTask;

/** A user task is created: the step opens in the read model (stepOpened, the case row moves). */
public class StepOpened implements TaskListener {
  @Override
  public void notify(DelegateTask task) {
    String step = task.getTaskDefinitionKey();
    Object[] row = ReadModelWrite.STEPS.get(step);
    task.setDueDate(Date.from(Instant.now().plus(Duration.ofDays((Integer) row[2]))));
    ReadModelWrite.write(
        task, "flowable/" + task.getId() + "/opened", "stepOpened", step, null,
        ReadModelWrite.Change.OPEN, null);
  }
}
