import Foundation
import Schema

/// Everything the gateway reads from its settings (`--set gateway.port=8080`,
/// `SONGDAL_GATEWAY_PORT=8080`), with defaults that suit one machine.
public struct GatewayConfiguration: Sendable {
    /// Address to bind; loopback by default so nothing is exposed by accident.
    public var host: String = "127.0.0.1"
    /// Port to bind; `0` picks a free port (read it back from `GatewayServer.port()`).
    public var port: Int = 8080
    /// Largest JSON or form body accepted (bytes).
    public var maxJSONBytes: Int = 1 << 20
    /// Largest document upload (bytes); the vault has its own limit (100 MB by default).
    public var maxUploadBytes: Int = 100 << 20
    /// Largest CSV upload (campaigns, subscriber sync, guarantee import), in bytes.
    public var maxCSVBytes: Int = 64 << 20
    /// Token bucket per API key: sustained requests per second…
    public var rateLimitPerSecond: Double = 200
    /// …and the burst it allows.
    public var rateLimitBurst: Double = 400
    /// Recipient session lifetime after the OTP was accepted (seconds).
    public var recipientSessionSeconds: Int = 900
    /// Operator dashboard session lifetime (seconds).
    public var dashboardSessionSeconds: Int = 3_600
    /// Deadline of each bus request made while serving a request (milliseconds).
    public var busTimeoutMilliseconds: Int = 5_000
    /// Deadline of each per-service probe of `/healthz` (milliseconds).
    public var healthTimeoutMilliseconds: Int = 500
    /// Allowed CORS origins; empty (the default) sends no CORS headers at all.
    public var corsOrigins: [String] = []
    /// Whether cookies carry `Secure` (set when served behind TLS).
    public var secureCookies: Bool = false
    /// Where uploads are staged for the vault, identity and notifier to read: a folder they
    /// share with the gateway (same host, or a shared volume). Default `<gateway dir>/staging`.
    public var stagingDirectory: String?

    public init() {}

    /// Reads the `gateway.*` settings; a malformed value is a typed error, not a silent default.
    public init(settings: [String: String]) throws(ErrorReply) {
        self.init()
        // Keys arrive normalised (`gateway.max-json-bytes` → `gateway_max_json_bytes`; the
        // variable SONGDAL_GATEWAY_PORT → `port`), so both spellings are looked up that way.
        func value(_ key: String) -> String? {
            let normal = key.replacingOccurrences(of: "-", with: "_")
            return settings["gateway_\(normal)"] ?? settings[normal] ?? settings["gateway.\(key)"] ?? settings[key]
        }
        func int(_ key: String, _ target: inout Int, minimum: Int = 0) throws(ErrorReply) {
            guard let text = value(key) else { return }
            guard let parsed = Int(text), parsed >= minimum else {
                throw ErrorReply(code: .invalidSetting, message: "gateway.\(key) must be an integer ≥ \(minimum)", field: key)
            }
            target = parsed
        }
        func double(_ key: String, _ target: inout Double) throws(ErrorReply) {
            guard let text = value(key) else { return }
            guard let parsed = Double(text), parsed > 0 else {
                throw ErrorReply(code: .invalidSetting, message: "gateway.\(key) must be a positive number", field: key)
            }
            target = parsed
        }
        if let host = value("host") { self.host = host }
        try int("port", &port)
        try int("max-json-bytes", &maxJSONBytes, minimum: 1)
        try int("max-upload-bytes", &maxUploadBytes, minimum: 1)
        try int("max-csv-bytes", &maxCSVBytes, minimum: 1)
        try double("rate-limit-per-second", &rateLimitPerSecond)
        try double("rate-limit-burst", &rateLimitBurst)
        try int("recipient-session-seconds", &recipientSessionSeconds, minimum: 1)
        try int("dashboard-session-seconds", &dashboardSessionSeconds, minimum: 1)
        try int("bus-timeout-ms", &busTimeoutMilliseconds, minimum: 1)
        try int("health-timeout-ms", &healthTimeoutMilliseconds, minimum: 1)
        if let origins = value("cors-origins") {
            corsOrigins = origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let staging = value("staging-dir"), !staging.isEmpty { stagingDirectory = staging }
        if let secure = value("secure-cookies") { secureCookies = ["1", "true", "yes"].contains(secure.lowercased()) }
    }
}
