package jiuzhu.bench.flowable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.impl.context.Context;
import org.flowable.common.engine.impl.db.DbSqlSession;
import org.flowable.variable.api.delegate.VariableScope;

/**
 * Jiuzhu's keyed read-model write (activities/case-records.ts, applyTransition) in SQL: skip if
 * the key was written; else update the case row, bump its event sequence and append one
 * CaseEvent. It runs on the engine's own connection, so it commits or rolls back with the
 * engine's state change: exactly once without an outbox.
 */
final class ReadModelWrite {
  private ReadModelWrite() {}

  /** How the case row changes with the event. */
  enum Change {
    /** The event alone (a decision): only the event sequence moves. */
    NONE,
    /** A step opens: status, current step, assignee unit, due date; not overdue. */
    OPEN,
    /** The open step's deadline passed. */
    OVERDUE,
    /** The 30-working-day overall limit passed. */
    OVERALL_OVERDUE,
    /** The case ends at this status (no current step, closed now). */
    FINAL,
    /** Approved and enrolled: no current step, the case stays open. */
    ENROLLED,
  }

  /** Step → [status, unit variable, limit in days]: domain/case-steps.ts, DEFAULT_COUNTY_POLICY. */
  static final Map<String, Object[]> STEPS =
      Map.of(
          "acceptance", new Object[] {"SUBMITTED", "townshipId", 3},
          "investigation", new Object[] {"INVESTIGATING", "townshipId", 10},
          "appraisal", new Object[] {"APPRAISING", "villageId", 5},
          "townshipReview", new Object[] {"TOWNSHIP_REVIEW", "townshipId", 5},
          "publicNotice", new Object[] {"ON_NOTICE", "townshipId", 7},
          "objectionReview", new Object[] {"OBJECTION_REVIEW", "townshipId", 5},
          "countyApproval", new Object[] {"COUNTY_APPROVAL", "countyId", 10});

  static void write(
      VariableScope scope,
      String key,
      String eventType,
      String step,
      String decision,
      Change change,
      String status) {
    long started = System.nanoTime();
    String caseId = (String) scope.getVariable("caseId");
    Connection connection =
        Context.getCommandContext().getSession(DbSqlSession.class).getSqlSession().getConnection();
    try {
      if (alreadyWritten(connection, key)) return;
      int seq = updateCase(connection, scope, caseId, step, change, status);
      appendEvent(connection, scope, caseId, seq, key, eventType, step, decision, change);
    } catch (SQLException e) {
      throw new FlowableException("read-model write " + key + " failed", e);
    } finally {
      Figures.readModelWrite((System.nanoTime() - started) / 1e6);
    }
  }

  private static boolean alreadyWritten(Connection c, String key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT id FROM \"CaseEvent\" WHERE \"idempotencyKey\" = ?")) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static int updateCase(
      Connection c, VariableScope scope, String caseId, String step, Change change, String status)
      throws SQLException {
    String set =
        switch (change) {
          case NONE -> "";
          case OPEN ->
              "status = ?, \"currentStep\" = ?, \"assigneeUnitId\" = ?, \"dueAt\" = ?, overdue = false, ";
          case OVERDUE -> "overdue = true, ";
          case OVERALL_OVERDUE -> "\"overallOverdue\" = true, ";
          case FINAL ->
              "status = ?, \"currentStep\" = NULL, \"dueAt\" = NULL, overdue = false, \"closedAt\" = now(), ";
          case ENROLLED -> "status = ?, \"currentStep\" = NULL, \"dueAt\" = NULL, overdue = false, ";
        };
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE \"Case\" SET "
                + set
                + "\"lastEventSeq\" = \"lastEventSeq\" + 1, \"updatedAt\" = now() WHERE id = ?"
                + " RETURNING \"lastEventSeq\"")) {
      int i = 1;
      if (change == Change.OPEN) {
        Object[] row = STEPS.get(step);
        s.setString(i++, (String) row[0]);
        s.setString(i++, step);
        s.setString(i++, (String) scope.getVariable((String) row[1]));
        Instant due = Instant.now().plus(Duration.ofDays((Integer) row[2]));
        s.setTimestamp(i++, Timestamp.from(due));
      } else if (change == Change.FINAL || change == Change.ENROLLED) {
        s.setString(i++, status);
      }
      s.setString(i, caseId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) throw new FlowableException("no case " + caseId);
        return r.getInt(1);
      }
    }
  }

  private static void appendEvent(
      Connection c,
      VariableScope scope,
      String caseId,
      int seq,
      String key,
      String eventType,
      String step,
      String decision,
      Change change)
      throws SQLException {
    boolean decided = change == Change.NONE;
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO \"CaseEvent\" (\"caseId\", seq, type, step, \"actorName\", \"actorRole\","
                + " decision, payload, \"idempotencyKey\") VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
      s.setString(1, caseId);
      s.setInt(2, seq);
      s.setString(3, eventType);
      s.setString(4, step);
      s.setString(5, decided ? (String) scope.getVariable("actorName") : null);
      s.setString(6, decided ? (String) scope.getVariable("actorRole") : null);
      s.setString(7, decision);
      s.setString(8, decided ? (String) scope.getVariable("payload") : null);
      s.setString(9, key);
      s.executeUpdate();
    }
  }
}
