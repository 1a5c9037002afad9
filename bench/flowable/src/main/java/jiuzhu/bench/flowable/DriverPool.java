package jiuzhu.bench.flowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The driver's own connections (Jiuzhu's bench driver has its own Prisma pool of 20 beside the
 * worker's): it reads the read model, as a console or API would, to see a step open.
 */
final class DriverPool implements AutoCloseable {
  private final BlockingQueue<Connection> idle;

  DriverPool(String jdbcUrl, int size) throws SQLException {
    idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) idle.add(DriverManager.getConnection(jdbcUrl));
  }

  /**
   * This database's row writes (inserted + updated + deleted) and commits so far, from
   * pg_stat_database. Backends report these when idle, at most every 10 s: callers wait 11 s.
   */
  long[] databaseWrites() throws InterruptedException, SQLException {
    Connection c = idle.take();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT tup_inserted + tup_updated + tup_deleted, xact_commit FROM pg_stat_database"
                + " WHERE datname = current_database()")) {
      c.createStatement().execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new long[] {r.getLong(1), r.getLong(2)};
      }
    } finally {
      idle.add(c);
    }
  }

  /** The case row's current step, or null. */
  String currentStep(String caseId) throws InterruptedException, SQLException {
    Connection c = idle.take();
    try (PreparedStatement s =
        c.prepareStatement("SELECT \"currentStep\" FROM \"Case\" WHERE id = ?")) {
      s.setString(1, caseId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    } finally {
      idle.add(c);
    }
  }

  @Override
  public void close() throws SQLException {
    for (Connection c : idle) c.close();
  }
}
