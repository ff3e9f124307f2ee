-- A published version is what every response points to: the database itself refuses to change or
-- remove one, so no code path (or hand-run SQL) can rewrite what respondents answered.
CREATE FUNCTION survey_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published survey versions are immutable' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER survey_versions_immutable
  BEFORE UPDATE OR DELETE ON survey_versions
  FOR EACH ROW EXECUTE FUNCTION survey_versions_immutable();
