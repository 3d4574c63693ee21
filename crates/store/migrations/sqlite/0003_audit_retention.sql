-- Audit retention: rows older than the retention period may be pruned, by `jobbro audit prune`
-- only. The delete trigger lets a delete through while that command's transaction holds the
-- `audit_pruning` marker in `meta`; the chain then continues from a keyed anchor (see audit.rs).

DROP TRIGGER audit_log_no_delete;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'audit_pruning')
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
