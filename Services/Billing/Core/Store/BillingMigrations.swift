import GRDB
import Store

/// The billing store. Events are kept compactly by their dedupe key; invoices read running
/// aggregates per (institution, billing month, usage month, item), never the raw events.
enum BillingMigrations {
    static let all: [Migration] = [
        Migration("billing-v1") { db in
            try db.execute(sql: """
                CREATE TABLE subscription (
                    institution TEXT PRIMARY KEY, plan TEXT NOT NULL, joined_on TEXT NOT NULL, ends_on TEXT,
                    extra_ids INTEGER NOT NULL, discount_percent INTEGER NOT NULL, fixed_tier INTEGER,
                    updated_at INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE usage_event (
                    event_key TEXT PRIMARY KEY, institution TEXT NOT NULL, item TEXT NOT NULL,
                    quantity INTEGER NOT NULL, occurred_at INTEGER NOT NULL, billing_month TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE usage_aggregate (
                    institution TEXT NOT NULL, billing_month TEXT NOT NULL, usage_month TEXT NOT NULL,
                    item TEXT NOT NULL, quantity INTEGER NOT NULL,
                    PRIMARY KEY (billing_month, institution, usage_month, item)) WITHOUT ROWID;
                CREATE TABLE storage_day (
                    institution TEXT NOT NULL, day TEXT NOT NULL, billing_month TEXT NOT NULL, hundredths INTEGER NOT NULL,
                    PRIMARY KEY (institution, day, billing_month)) WITHOUT ROWID;
                CREATE INDEX storage_day_billing ON storage_day (billing_month, institution);
                CREATE TABLE usage_rejection (
                    event_id TEXT PRIMARY KEY, institution TEXT NOT NULL, item TEXT NOT NULL, code TEXT NOT NULL,
                    message TEXT NOT NULL, received_at INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE closed_month (
                    institution TEXT NOT NULL, month TEXT NOT NULL, PRIMARY KEY (institution, month)) WITHOUT ROWID;
                CREATE TABLE invoice (
                    institution TEXT NOT NULL, month TEXT NOT NULL, issued_at INTEGER NOT NULL, total INTEGER NOT NULL,
                    body BLOB NOT NULL, PRIMARY KEY (institution, month)) WITHOUT ROWID;
                CREATE TABLE mileage_credit (
                    id INTEGER PRIMARY KEY, institution TEXT NOT NULL, event_key TEXT NOT NULL,
                    earned_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, quantity INTEGER NOT NULL, remaining INTEGER NOT NULL);
                CREATE INDEX mileage_credit_open ON mileage_credit (institution, earned_at) WHERE remaining > 0;
                CREATE TABLE mileage_move (
                    id INTEGER PRIMARY KEY, institution TEXT NOT NULL, kind TEXT NOT NULL, quantity INTEGER NOT NULL,
                    at INTEGER NOT NULL, event_key TEXT, expires_at INTEGER);
                CREATE INDEX mileage_move_institution ON mileage_move (institution, at);
                CREATE TABLE price_rate (
                    item TEXT NOT NULL, effective_from TEXT NOT NULL, body TEXT NOT NULL,
                    PRIMARY KEY (item, effective_from)) WITHOUT ROWID;
                """)
        },
        // BI-6: usage of an institution without a subscription waits here instead of being dropped.
        Migration("billing-v2-usage-parked") { db in try UsageParking.migrate(db) },
    ]
}
