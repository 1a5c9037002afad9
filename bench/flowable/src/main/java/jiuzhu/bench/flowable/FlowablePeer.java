package jiuzhu.bench.flowable;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * The Flowable 7 peer of Jiuzhu's 低保 application, embedded in this process:
 *
 * <pre>java … jiuzhu.bench.flowable.FlowablePeer --households N [--warmup K] --jdbc-url URL &lt; cases.tsv</pre>
 *
 * Reads K + N lines "caseId TAB townshipId TAB villageId TAB countyId" (cases already filed in
 * Jiuzhu's tables, whose read model the process writes), drives K households unmeasured, then
 * all N households at once, and
 * prints one JSON object of figures on stdout. The engine's tables share the database.
 */
public final class FlowablePeer {
  /** The same pool as Jiuzhu's worker (platform/database.ts, poolSize 20). */
  static final int POOL_SIZE = 20;

  /** Postgres reports an idle backend's statistics within 10 s (PGSTAT_IDLE_INTERVAL). */
  static final long STATS_SETTLE_MS = 11_000;

  private FlowablePeer() {}

  public static void main(String[] args) throws Exception {
    int households = 0;
    int warmup = 0;
    String jdbcUrl = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--households" -> households = Integer.parseInt(args[i + 1]);
        case "--jdbc-url" -> jdbcUrl = args[i + 1];
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (households < 1 || warmup < 0 || jdbcUrl == null)
      usage("--households N (≥ 1) and --jdbc-url are required; --warmup K ≥ 0");
    List<String[]> cases = readCases(warmup + households);

    long starting = System.nanoTime();
    ProcessEngine engine = buildEngine(jdbcUrl);
    engine.getRepositoryService()
        .createDeployment()
        .addClasspathResource("dibao-application.bpmn20.xml")
        .deploy();
    double engineReadyMs = (System.nanoTime() - starting) / 1e6;

    // A JVM engine runs warm in production: the first cases (JIT, caches) are not measured.
    DriverPool driver = new DriverPool(jdbcUrl, POOL_SIZE);
    drive(engine, driver, cases.subList(0, warmup), new Figures());
    Figures.clearReadModelWrites();
    Figures figures = new Figures();
    Thread.sleep(STATS_SETTLE_MS);
    long[] before = driver.databaseWrites();
    long started = System.nanoTime();
    List<String> processIds = drive(engine, driver, cases.subList(warmup, cases.size()), figures);
    double wallMs = (System.nanoTime() - started) / 1e6;
    Thread.sleep(STATS_SETTLE_MS);
    long[] after = driver.databaseWrites();
    figures.databaseWrites(after[0] - before[0], after[1] - before[1]);
    for (String processId : processIds) {
      figures.completed(
          engine.getHistoryService()
              .createHistoricActivityInstanceQuery()
              .processInstanceId(processId)
              .count());
    }
    System.out.println(figures.json(households, wallMs, engineReadyMs, POOL_SIZE));
    driver.close();
    engine.close();
  }

  /** Drives every case at once, one thread each; answers the process ids of those that ended. */
  private static List<String> drive(
      ProcessEngine engine, DriverPool driver, List<String[]> cases, Figures figures)
      throws InterruptedException {
    List<String> processIds = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(cases.size());
    for (String[] c : cases) {
      new Thread(
              () -> {
                try {
                  Map<String, Object> units =
                      Map.of("townshipId", c[1], "villageId", c[2], "countyId", c[3]);
                  String processId = new Household(engine, driver, figures).run(c[0], units);
                  synchronized (processIds) {
                    processIds.add(processId);
                  }
                } catch (Exception e) {
                  figures.failed(c[0] + ": " + e);
                } finally {
                  done.countDown();
                }
              })
          .start();
    }
    done.await();
    return processIds;
  }

  private static ProcessEngine buildEngine(String jdbcUrl) {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    // Flowable's advice for concurrent use: the default id blocks take a second pooled
    // connection inside a transaction, which starves a full pool (seen at 200 households).
    config.setIdGenerator(new StrongUuidGenerator());
    config
        .setJdbcUrl(jdbcUrl)
        .setJdbcDriver("org.postgresql.Driver")
        .setJdbcMaxActiveConnections(POOL_SIZE)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        // Timers fire through the async executor, as they would in production.
        .setAsyncExecutorActivate(true)
        // The default: enough history to audit who did what when (as a Temporal history does).
        .setHistoryLevel(HistoryLevel.AUDIT);
    return config.buildProcessEngine();
  }

  private static List<String[]> readCases(int households) throws Exception {
    List<String[]> cases = new ArrayList<>();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; cases.size() < households && (line = in.readLine()) != null; ) {
      if (line.isBlank()) continue;
      String[] fields = line.split("\t");
      if (fields.length != 4) usage("a case line needs 4 tab-separated fields: " + line);
      cases.add(fields);
    }
    if (cases.size() < households) usage("stdin had " + cases.size() + " cases for " + households + " households");
    return cases;
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: FlowablePeer --households N [--warmup K] --jdbc-url jdbc:postgresql://… < cases.tsv");
    System.exit(2);
  }
}
