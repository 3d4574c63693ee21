-- Audit retention: rows older than the retention period may be pruned, by `jobbro audit prune`
-- only. The delete trigger lets a delete through while that command's transaction holds the
-- `audit_pruning` marker in `meta`; the chain then continues from a keyed anchor (see audit.rs).

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM meta WHERE key = 'audit_pruning') THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
