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
import org.flowable.common.engine.impl.cfg.TransactionState;
import org.flowable.common.engine.impl.context.Context;
import org.flowable.common.engine.impl.db.DbSqlSession;
import org.flowable.variable.api.delegate.VariableScope;

/**
 * Jiuzhu's keyed read-model write (activities/case-records.ts, applyTransition) in SQL: skip if
 * the key was written; else update the case row, bump its event sequence and append one
 * CaseEvent. It runs on the engine's own connection in the engine's transaction, so it commits
 * or rolls back with the engine's state change: exactly once without an outbox.
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

  /**
   * Queues the write for the end of the engine's transaction: it runs when the transaction
   * commits (TransactionState.COMMITTING), after the engine has flushed its own statements, on
   * the same connection. So the case row and the tally rows its status moves (the supervision
   * trigger on "Case") stay locked only for the commit, not through the engine's flush; written
   * when the listener fires, they held every other case of the township waiting.
   */
  static void write(
      VariableScope scope,
      String key,
      String eventType,
      String step,
      String decision,
      Change change,
      String status) {
    // The values as they are now: the scope may have moved on by the commit.
    String caseId = (String) scope.getVariable("caseId");
    String unitId = change == Change.OPEN ? (String) scope.getVariable((String) STEPS.get(step)[1]) : null;
    boolean decided = change == Change.NONE;
    String[] actor =
        decided
            ? new String[] {
              (String) scope.getVariable("actorName"),
              (String) scope.getVariable("actorRole"),
              (String) scope.getVariable("payload")
            }
            : new String[] {null, null, null};
    Context.getTransactionContext()
        .addTransactionListener(
            TransactionState.COMMITTING,
            commandContext -> {
              long started = System.nanoTime();
              Connection connection =
                  commandContext.getSession(DbSqlSession.class).getSqlSession().getConnection();
              try {
                if (alreadyWritten(connection, key)) return;
                int seq = updateCase(connection, caseId, unitId, step, change, status);
                appendEvent(connection, caseId, seq, key, eventType, step, decision, actor);
              } catch (SQLException e) {
                throw new FlowableException("read-model write " + key + " failed", e);
              } finally {
                Figures.readModelWrite((System.nanoTime() - started) / 1e6);
              }
            });
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
      Connection c, String caseId, String unitId, String step, Change change, String status)
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
        s.setString(i++, unitId);
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

  /** `actor` is the decision's actor name, role and payload (nulls for other events). */
  private static void appendEvent(
      Connection c,
      String caseId,
      int seq,
      String key,
      String eventType,
      String step,
      String decision,
      String[] actor)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO \"CaseEvent\" (\"caseId\", seq, type, step, \"actorName\", \"actorRole\","
                + " decision, payload, \"idempotencyKey\") VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
      s.setString(1, caseId);
      s.setInt(2, seq);
      s.setString(3, eventType);
      s.setString(4, step);
      s.setString(5, actor[0]);
      s.setString(6, actor[1]);
      s.setString(7, decision);
      s.setString(8, actor[2]);
      s.setString(9, key);
      s.executeUpdate();
    }
  }
}
