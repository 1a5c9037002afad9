package jiuzhu.bench.flowable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples the runs collect, printed as one JSON object for bench/flowable-peer.ts. */
final class Figures {
  /** Every keyed write's time inside the engine's transaction, since the last clear. */
  private static final List<Double> READ_MODEL_WRITE_MS = new ArrayList<>();

  private final Map<String, List<Double>> updateMs = new LinkedHashMap<>();
  private final Map<String, List<Double>> stepToStepMs = new LinkedHashMap<>();
  private final List<Double> noticeShortcutMs = new ArrayList<>();
  private final List<Long> historicActivities = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private int completed;
  private long rowsWritten;
  private long commits;

  static void readModelWrite(double ms) {
    synchronized (READ_MODEL_WRITE_MS) {
      READ_MODEL_WRITE_MS.add(ms);
    }
  }

  static void clearReadModelWrites() {
    synchronized (READ_MODEL_WRITE_MS) {
      READ_MODEL_WRITE_MS.clear();
    }
  }

  synchronized void update(String step, double ms) {
    updateMs.computeIfAbsent(step, k -> new ArrayList<>()).add(ms);
  }

  synchronized void stepToStep(String step, double ms) {
    stepToStepMs.computeIfAbsent(step, k -> new ArrayList<>()).add(ms);
  }

  synchronized void noticeShortcut(double ms) {
    noticeShortcutMs.add(ms);
  }

  synchronized void completed(long historicActivityCount) {
    completed++;
    historicActivities.add(historicActivityCount);
  }

  /** Postgres row writes and commits over the measured run, driver and engine together. */
  synchronized void databaseWrites(long rows, long transactions) {
    rowsWritten = rows;
    commits = transactions;
  }

  synchronized void failed(String message) {
    failures.add(message);
  }

  synchronized String json(int households, double wallMs, double engineReadyMs, int poolSize) {
    StringBuilder out = new StringBuilder("{");
    out.append("\"engine\":\"Flowable ").append(org.flowable.engine.ProcessEngine.VERSION).append("\",");
    out.append("\"households\":").append(households).append(',');
    out.append("\"completed\":").append(completed).append(',');
    out.append("\"wallMs\":").append(wallMs).append(',');
    out.append("\"engineReadyMs\":").append(engineReadyMs).append(',');
    out.append("\"poolSize\":").append(poolSize).append(',');
    out.append("\"rowsWritten\":").append(rowsWritten).append(',');
    out.append("\"commits\":").append(commits).append(',');
    out.append("\"updateMs\":").append(samples(updateMs)).append(',');
    out.append("\"stepToStepMs\":").append(samples(stepToStepMs)).append(',');
    out.append("\"noticeShortcutMs\":").append(noticeShortcutMs).append(',');
    synchronized (READ_MODEL_WRITE_MS) {
      out.append("\"readModelWriteMs\":").append(READ_MODEL_WRITE_MS).append(',');
    }
    out.append("\"historicActivitiesPerCase\":").append(historicActivities).append(',');
    out.append("\"failures\":[");
    for (int i = 0; i < failures.size(); i++) {
      if (i > 0) out.append(',');
      out.append(quote(failures.get(i)));
    }
    return out.append("]}").toString();
  }

  private static String samples(Map<String, List<Double>> byStep) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, List<Double>> entry : byStep.entrySet()) {
      if (!first) out.append(',');
      first = false;
      out.append(quote(entry.getKey())).append(':').append(entry.getValue());
    }
    return out.append('}').toString();
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
