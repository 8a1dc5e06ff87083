import GRDB

/// The tables of the reliability contract (DESIGN §4), present in every service's store.
///
/// - `bus_outbox`: messages committed with the state change that caused them, waiting for an ACK.
///   `seq` gives send order; `id` is the message id the ACK names.
/// - `bus_inbox`: ids of messages already applied, so a re-delivery is acknowledged, not re-applied.
/// - `bus_dead_letter`: messages given up on, in either direction, kept for an operator.
public enum BusTables {
    public static let migrations: [Migration] = [
        Migration("bus-v1") { db in
            try db.execute(sql: """
                CREATE TABLE bus_outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id BLOB NOT NULL UNIQUE,
                    destination TEXT NOT NULL,
                    type TEXT NOT NULL,
                    header BLOB NOT NULL,
                    payload BLOB NOT NULL,
                    lane INTEGER NOT NULL DEFAULT 0,
                    attempt INTEGER NOT NULL DEFAULT 0,
                    due_at INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_error TEXT
                );
                CREATE TABLE bus_inbox (
                    id BLOB PRIMARY KEY,
                    received_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX bus_inbox_received ON bus_inbox(received_at);
                CREATE TABLE bus_dead_letter (
                    id BLOB PRIMARY KEY,
                    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
                    destination TEXT NOT NULL,
                    type TEXT NOT NULL,
                    header BLOB NOT NULL,
                    payload BLOB NOT NULL,
                    attempts INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    dead_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        },
    ]
}
