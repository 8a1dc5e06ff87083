import GRDB
import Store

/// The gateway's own tables: API keys (only their SHA-256), recipient sessions, operator
/// dashboard sessions (only the SHA-256 of the cookie value), and the campaigns started through
/// it (the notifier has no campaign listing; the dashboard and `GET /v1/campaigns` use this).
enum GatewayMigrations {
    static let all: [Migration] = [
        Migration("gateway-v1") { db in
            try db.execute(sql: """
                CREATE TABLE api_key (
                    id TEXT PRIMARY KEY,
                    secret_hash TEXT NOT NULL UNIQUE,
                    scope TEXT NOT NULL CHECK (scope IN ('institution', 'operator', 'auditor')),
                    institution TEXT,
                    label TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE TABLE recipient_session (
                    id_hash TEXT PRIMARY KEY,
                    token_hash TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    notifier_session TEXT NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX recipient_session_expiry ON recipient_session(expires_at);
                CREATE TABLE campaign (
                    id TEXT PRIMARY KEY,
                    institution TEXT NOT NULL,
                    name TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX campaign_institution ON campaign(institution, created_at);
                CREATE TABLE dashboard_session (
                    id_hash TEXT PRIMARY KEY,
                    key_id TEXT NOT NULL REFERENCES api_key(id),
                    expires_at INTEGER NOT NULL
                );
                """)
        },
        // Sandbox keys: an institution's test keys; every existing key is live.
        Migration("gateway-v2-sandbox-keys") { db in
            try db.execute(sql: "ALTER TABLE api_key ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0")
        },
        // Institutions the gateway knows (issue 20): institution keys only for these. `plan` and
        // `joined_on` are set by onboarding (they cannot move silently afterwards); a row without
        // them was registered without a subscription (`songdal up` seeding, keys made before this
        // table, which are backfilled here).
        Migration("gateway-v3-institutions") { db in
            try db.execute(sql: """
                CREATE TABLE institution (
                    id TEXT PRIMARY KEY,
                    plan TEXT,
                    joined_on TEXT,
                    registered_at INTEGER NOT NULL
                );
                INSERT OR IGNORE INTO institution (id, registered_at)
                    SELECT DISTINCT institution, 0 FROM api_key WHERE institution IS NOT NULL;
                """)
        },
    ]
}
