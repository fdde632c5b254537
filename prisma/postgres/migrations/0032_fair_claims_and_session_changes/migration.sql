-- CreateIndex
CREATE INDEX "Job_status_shop_runAt_createdAt_idx" ON "Job"("status", "shop", "runAt", "createdAt");

-- Session changes heard by every process (decision fair-many-processes): each process's session
-- cache LISTENs on this channel and drops the changed session at once. PostgreSQL only (SQLite runs
-- one process); functions and triggers are outside what `db:check` compares.
CREATE OR REPLACE FUNCTION "dropline_session_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('dropline_session_changed', OLD."id");
  ELSE
    PERFORM pg_notify('dropline_session_changed', NEW."id");
    IF TG_OP = 'UPDATE' AND OLD."id" IS DISTINCT FROM NEW."id" THEN
      PERFORM pg_notify('dropline_session_changed', OLD."id");
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Session_changed" AFTER INSERT OR UPDATE OR DELETE ON "Session"
  FOR EACH ROW EXECUTE FUNCTION "dropline_session_changed"();
