import GRDB
import Store

/// The notifier store's schema.
///
/// `notice` keeps the lifecycle as timestamp columns (one row update per step, which is what lets
/// a million-notice campaign go at bulk speed), `notice_transition` (v3) one row per transition
/// with its justifying event, and `notice_event` for the other events (retries, fallbacks,
/// reminders, OTP, refused late events). Two partial indexes hold only the rows with work pending: `due_at`
/// for notices still to resolve or send, `watch_at` for notices awaiting a timeout, expiry or
/// reminder. A campaign's title, cover and document are stored once on `campaign` (row columns
/// are NULL unless the CSV overrides them). CIs are kept only until resolved.
enum NotifierMigrations {
    static let all: [Migration] = [v1, v2, v3]

    /// `NoticeLifecycle` (NO-2, X-6): `state_at` (when the current state was reached; NULL means
    /// at acceptance) guards every transition and keeps timestamps from going backwards;
    /// `notice_transition` keeps each transition with the event that justified it (a carrier
    /// receipt id for `delivered`). Notices of older stores get their transitions from the
    /// timestamp columns, marked `migrated`.
    static let v3 = Migration("notifier-v3-lifecycle") { db in
        try db.execute(sql: """
            ALTER TABLE notice ADD COLUMN state_at INTEGER;
            CREATE TABLE notice_transition (
                notice_seq INTEGER NOT NULL,
                state TEXT NOT NULL,
                at INTEGER NOT NULL,
                event TEXT NOT NULL,
                detail TEXT
            );
            CREATE INDEX notice_transition_seq ON notice_transition(notice_seq);
            INSERT INTO notice_transition (notice_seq, state, at, event, detail)
              SELECT seq, 'scheduled', scheduled_at, 'migrated', NULL FROM notice WHERE scheduled_at IS NOT NULL;
            INSERT INTO notice_transition (notice_seq, state, at, event, detail)
              SELECT seq, 'sending', sending_at, 'migrated', NULL FROM notice WHERE sending_at IS NOT NULL;
            INSERT INTO notice_transition (notice_seq, state, at, event, detail)
              SELECT seq, 'sent', sent_at, 'migrated', COALESCE(provider || ' ' || channel, provider) FROM notice WHERE sent_at IS NOT NULL;
            INSERT INTO notice_transition (notice_seq, state, at, event, detail)
              SELECT seq, 'delivered', delivered_at, 'migrated', NULL FROM notice WHERE delivered_at IS NOT NULL;
            INSERT INTO notice_transition (notice_seq, state, at, event, detail)
              SELECT seq, 'read', read_at, 'migrated', NULL FROM notice WHERE read_at IS NOT NULL;
            INSERT INTO notice_transition (notice_seq, state, at, event, detail)
              SELECT seq, state, final_at, 'migrated', reason FROM notice
              WHERE final_at IS NOT NULL AND state IN ('failed', 'unreachable', 'expired');
            UPDATE notice SET state_at = MAX(accepted_at, COALESCE(scheduled_at, 0), COALESCE(sending_at, 0), COALESCE(sent_at, 0),
                                             COALESCE(delivered_at, 0), COALESCE(read_at, 0), COALESCE(final_at, 0))
              WHERE state <> 'accepted';
            """)
    }

    /// Sandbox notices: sent with a sandbox key; existing notices are live.
    static let v2 = Migration("notifier-v2-sandbox") { db in
        try db.execute(sql: "ALTER TABLE notice ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0")
    }

    static let v1 = Migration("notifier-v1") { db in
        try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE notice (
                seq INTEGER PRIMARY KEY,
                institution TEXT NOT NULL,
                campaign_id TEXT,
                reference TEXT,
                idem_key TEXT,
                body_hash TEXT,
                ci TEXT,
                phone TEXT,
                carrier TEXT,
                title TEXT,
                cover TEXT,
                document_id TEXT,
                channel_pref TEXT NOT NULL,
                kakao_template TEXT,
                kakao_buttons TEXT,
                read_deadline INTEGER,
                state TEXT NOT NULL,
                reason TEXT,
                channel TEXT,
                provider TEXT,
                accepted_at INTEGER NOT NULL,
                scheduled_at INTEGER,
                sending_at INTEGER,
                sent_at INTEGER,
                delivered_at INTEGER,
                read_at INTEGER,
                final_at INTEGER,
                due_at INTEGER,
                watch_at INTEGER,
                attempts INTEGER NOT NULL DEFAULT 0,
                reminded_after INTEGER,
                reminded_deadline INTEGER
            );
            CREATE UNIQUE INDEX notice_idem ON notice(institution, idem_key) WHERE idem_key IS NOT NULL;
            CREATE INDEX notice_due ON notice(due_at) WHERE due_at IS NOT NULL;
            CREATE INDEX notice_watch ON notice(watch_at) WHERE watch_at IS NOT NULL;
            CREATE TABLE notice_event (
                notice_seq INTEGER NOT NULL,
                event TEXT NOT NULL,
                at INTEGER NOT NULL,
                detail TEXT
            );
            CREATE INDEX notice_event_seq ON notice_event(notice_seq);
            CREATE TABLE recipient_otp (
                notice_seq INTEGER PRIMARY KEY,
                code_hash BLOB,
                expires_at INTEGER,
                failures INTEGER NOT NULL DEFAULT 0,
                locked_until INTEGER,
                window_start INTEGER NOT NULL DEFAULT 0,
                requests INTEGER NOT NULL DEFAULT 0,
                session_hash BLOB,
                session_expires INTEGER,
                consented_at INTEGER
            );
            CREATE TABLE document_check (
                document_id TEXT NOT NULL,
                institution TEXT NOT NULL,
                found INTEGER NOT NULL,
                PRIMARY KEY (document_id, institution)
            );
            CREATE TABLE sms (
                seq INTEGER PRIMARY KEY,
                institution TEXT NOT NULL,
                idem_key TEXT,
                body_hash TEXT,
                phone TEXT NOT NULL,
                subject TEXT,
                text TEXT NOT NULL,
                kind TEXT NOT NULL,
                lane INTEGER NOT NULL,
                purpose TEXT NOT NULL,
                notice_seq INTEGER,
                state TEXT NOT NULL,
                reason TEXT,
                provider TEXT,
                created_at INTEGER NOT NULL,
                due_at INTEGER,
                sent_at INTEGER,
                attempts INTEGER NOT NULL DEFAULT 0
            );
            CREATE UNIQUE INDEX sms_idem ON sms(institution, idem_key) WHERE idem_key IS NOT NULL;
            CREATE INDEX sms_due ON sms(lane, due_at) WHERE due_at IS NOT NULL;
            CREATE TABLE campaign (
                id TEXT PRIMARY KEY,
                institution TEXT NOT NULL,
                name TEXT NOT NULL,
                path TEXT NOT NULL,
                idem_key TEXT,
                body_hash TEXT NOT NULL,
                title TEXT,
                cover TEXT,
                document_id TEXT,
                read_deadline INTEGER,
                channel_pref TEXT NOT NULL,
                kakao_template TEXT,
                state TEXT NOT NULL,
                byte_offset INTEGER NOT NULL DEFAULT 0,
                next_line INTEGER NOT NULL DEFAULT 1,
                header TEXT,
                rows_read INTEGER NOT NULL DEFAULT 0,
                accepted INTEGER NOT NULL DEFAULT 0,
                bad_rows INTEGER NOT NULL DEFAULT 0,
                error_code TEXT,
                error_message TEXT,
                error_line INTEGER,
                created_at INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX campaign_idem ON campaign(institution, idem_key) WHERE idem_key IS NOT NULL;
            CREATE TABLE campaign_bad_row (
                campaign_id TEXT NOT NULL,
                line INTEGER NOT NULL,
                code TEXT NOT NULL,
                message TEXT NOT NULL,
                PRIMARY KEY (campaign_id, line)
            );
            CREATE TABLE campaign_tally (
                campaign_id TEXT NOT NULL,
                state TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (campaign_id, state)
            );
            """)
    }
}
