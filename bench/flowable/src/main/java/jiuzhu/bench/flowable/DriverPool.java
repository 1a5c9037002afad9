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
