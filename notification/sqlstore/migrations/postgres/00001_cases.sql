-- +goose Up
-- A case is its sealed document (package sealed) and the listing columns a store may keep in
-- clear, none of them personal data. Times are Unix nanoseconds.
CREATE TABLE cases (
    id           TEXT PRIMARY KEY,
    grid_company TEXT    NOT NULL,
    installer    TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    sent         BOOLEAN NOT NULL,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    version      BIGINT  NOT NULL,
    doc          BYTEA   NOT NULL
);
-- The listings, in their order (creation time, ID): the installer's list, the grid company's
-- inbox of sent cases, each also by status; and every case.
CREATE INDEX cases_installer ON cases (installer, created_at, id);
CREATE INDEX cases_installer_status ON cases (installer, status, created_at, id);
CREATE INDEX cases_inbox ON cases (grid_company, created_at, id) WHERE sent;
CREATE INDEX cases_inbox_status ON cases (grid_company, status, created_at, id) WHERE sent;
CREATE INDEX cases_grid_company ON cases (grid_company, created_at, id);
CREATE INDEX cases_status ON cases (status, created_at, id);
CREATE INDEX cases_created ON cases (created_at, id);
-- A grid company's inbox holds the statuses that wait for it, which other companies' cases
-- are seldom in: grid company and status are far from independent, and a planner that took
-- them to be would expect a handful of rows, read them all and sort them instead of reading a
-- page in order from cases_inbox_status (27 ms instead of 3 at a million cases). These
-- statistics give it the most common combinations, up to a thousand of them: every grid
-- company and status of a store for some hundred grid companies.
ALTER TABLE cases ALTER COLUMN grid_company SET STATISTICS 1000;
CREATE STATISTICS cases_grid_company_status (mcv) ON grid_company, status FROM cases;
ALTER STATISTICS cases_grid_company_status SET STATISTICS 1000;

-- The person index: keyed tokens of the parties' identity numbers, never the numbers.
CREATE TABLE person_tokens (
    token   BYTEA NOT NULL,
    case_id TEXT  NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    PRIMARY KEY (token, case_id)
);
CREATE INDEX person_tokens_case ON person_tokens (case_id);

-- The events of the cases' changes, written in the same transaction as the change: the
-- outbox. txid lets the feed hand out only events whose transactions, and every earlier one,
-- have committed, so a consumer never skips one that commits late.
CREATE TABLE events (
    seq          BIGSERIAL PRIMARY KEY,
    txid         XID8    NOT NULL DEFAULT pg_current_xact_id(),
    id           TEXT    NOT NULL UNIQUE,
    case_id      TEXT    NOT NULL,
    grid_company TEXT    NOT NULL,
    installer    TEXT    NOT NULL,
    sent         BOOLEAN NOT NULL,
    body         TEXT    NOT NULL
);
CREATE INDEX events_installer ON events (installer, seq);
CREATE INDEX events_grid_company ON events (grid_company, seq) WHERE sent;
CREATE INDEX events_case ON events (case_id, seq);

-- The access log: who asked to see which personal fields of which case, when and why, and
-- whether they were let through; never the values. Append-only.
CREATE TABLE access_log (
    seq          BIGSERIAL PRIMARY KEY,
    at           BIGINT NOT NULL,
    actor        TEXT   NOT NULL,
    organisation TEXT   NOT NULL,
    case_id      TEXT   NOT NULL,
    fields       TEXT   NOT NULL,
    purpose      TEXT   NOT NULL,
    outcome      TEXT   NOT NULL
);
CREATE INDEX access_log_case ON access_log (case_id, at);
CREATE INDEX access_log_actor ON access_log (actor, at);
CREATE INDEX access_log_at ON access_log (at);
-- Append-only in the database too: a statement that would change or remove an entry fails,
-- whoever runs it.
-- +goose StatementBegin
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();

-- The content of attachments, sealed, by case and digest.
CREATE TABLE attachment_content (
    case_id TEXT   NOT NULL,
    sha256  TEXT   NOT NULL,
    size    BIGINT NOT NULL,
    content TEXT   NOT NULL,
    PRIMARY KEY (case_id, sha256)
);

-- +goose Down
DROP TABLE attachment_content;
DROP TABLE access_log;
DROP FUNCTION access_log_append_only;
DROP TABLE events;
DROP TABLE person_tokens;
DROP TABLE cases;
