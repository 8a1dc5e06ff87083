import GRDB
import Store

/// The reminder store's schema.
///
/// Guarantees keep their computed send date and a reminder state, and a partial index holds only
/// the guarantees still waiting for their reminder: the daily selection reads that index up to
/// today instead of scanning millions of rows. `reminder_sends` has one row per (guarantee,
/// recipient), written in the same transaction as the outbox `SendSMS` row — its primary key is
/// what makes "at most once, ever" hold across runs, catch-ups and restarts.
enum ReminderMigrations {
    static let all: [Migration] = [v1, v2]

    /// The institution that imported each guarantee: its reminder SMS are billed to it (BI-6).
    /// NULL for guarantees stored before: the service's `institution` setting, as before.
    static let v2 = Migration("reminder-v2-guarantee-institution") { db in
        try db.execute(sql: "ALTER TABLE guarantees ADD COLUMN institution TEXT")
    }

    static let v1 = Migration("reminder-v1") { db in
        try db.execute(sql: """
            CREATE TABLE members (
                business_number TEXT PRIMARY KEY,
                company_name TEXT NOT NULL,
                ceo_name TEXT NOT NULL,
                ceo_mobile TEXT NOT NULL,
                opted_out INTEGER NOT NULL DEFAULT 0,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE guarantees (
                guarantee_no TEXT PRIMARY KEY,
                business_number TEXT NOT NULL,
                kind TEXT NOT NULL,
                amount INTEGER NOT NULL,
                start_date TEXT NOT NULL,
                end_date TEXT NOT NULL,
                -- NULL while the calendar does not cover the send date's year (recomputed later).
                send_date TEXT,
                target INTEGER NOT NULL,
                -- 0 waiting, 1 reminded, 2 end date passed before it could be sent.
                state INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX guarantees_due ON guarantees(send_date, guarantee_no) WHERE target = 1 AND state = 0;
            CREATE TABLE extra_recipients (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                business_number TEXT NOT NULL,
                mobile TEXT NOT NULL,
                active INTEGER NOT NULL,
                UNIQUE (business_number, mobile)
            );
            CREATE TABLE recipient_changes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                business_number TEXT NOT NULL,
                change TEXT NOT NULL,
                recipient_key TEXT,
                actor TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX recipient_changes_member ON recipient_changes(business_number, id);
            CREATE TABLE reminder_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                as_of TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                finished_at INTEGER,
                selected INTEGER NOT NULL DEFAULT 0,
                sent INTEGER NOT NULL DEFAULT 0,
                opted_out INTEGER NOT NULL DEFAULT 0,
                no_recipient INTEGER NOT NULL DEFAULT 0,
                expired INTEGER NOT NULL DEFAULT 0,
                already_sent INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX reminder_runs_day ON reminder_runs(as_of);
            CREATE TABLE reminder_sends (
                guarantee_no TEXT NOT NULL,
                recipient_key TEXT NOT NULL,
                run_id INTEGER,
                message_id TEXT NOT NULL,
                sent_at INTEGER NOT NULL,
                accepted_kind TEXT,
                refused_code TEXT,
                PRIMARY KEY (guarantee_no, recipient_key)
            );
            CREATE INDEX reminder_sends_message ON reminder_sends(message_id);
            CREATE TABLE issuances (
                guarantee_no TEXT PRIMARY KEY,
                message_id TEXT NOT NULL,
                issued_at INTEGER NOT NULL,
                accepted_kind TEXT
            );
            """)
    }
}
