import Foundation
import Schema

/// The notifier's settings (`--set key=value` / `SONGDAL_NOTIFIER_<KEY>`), with defaults.
///
/// - `link-base`: prefix of recipient links (default `http://localhost:8080/r/`).
/// - `providers`: `simulated` (default), `http`, or `both`.
/// - `sim-network`: name of the simulated carriers' network (default `default`); `sim-record-limit` (10,000).
/// - `sim-journal`: `on` (default) keeps what the simulated carriers delivered in
///   `simulated-carriers.sqlite` beside the store, so it survives a notifier crash; `off` keeps it
///   in memory only (tests that read the network in-process, the benchmark).
/// - `sim-<provider>-latency-ms`, `sim-<provider>-failure-rate` (0…1), `sim-<provider>-outages`
///   (`<ISO-8601>/<ISO-8601>` ranges, comma-separated), `sim-<provider>-reject` (channels the
///   handsets refuse, e.g. `RCS`); providers are `kt`, `skt`, `lgu`, `kakao`.
/// - `http-provider-url`, `http-provider-name` (`http`), `http-provider-channels` (`SMS,LMS,MMS,RCS,KAKAO`).
/// - `provider-error-threshold` (3), `provider-probe-seconds` (30).
/// - `resolve-batch` (10,000), `send-batch` (5,000), `send-concurrency` (16), `poll-milliseconds` (20),
///   `retry-seconds` (60, doubled per attempt, capped at 1 h), `max-attempts` (12), `campaign-batch` (5,000).
/// - `terms-version` (`2026-1`).
struct NotifierSettings: Sendable {
    var linkBase = "http://localhost:8080/r/"
    var providers = "simulated"
    var networkName = "default"
    var simulatedJournal = true
    var recordLimit = 10_000
    var httpURL: URL?
    var httpName = "http"
    var httpChannels: Set<NoticeChannel> = Set(NoticeChannel.allCases)
    var errorThreshold = 3
    var probeSeconds: TimeInterval = 30
    var resolveBatch = ResolveBatch.maximumCount
    var sendBatch = 5_000
    var sendConcurrency = 16
    var pollMilliseconds = 20
    var retrySeconds: TimeInterval = 60
    var maxAttempts = 12
    var campaignBatch = 5_000
    var termsVersion = "2026-1"
    var simulated: [String: SimulatedNetwork.Behaviour] = [:]

    static let simulatedProviders = ["kt", "skt", "lgu", "kakao"]

    init() {}

    init(_ setting: (String) -> String?) throws(ErrorReply) {
        func int(_ key: String, _ fallback: Int) throws(ErrorReply) -> Int {
            guard let text = setting(key) else { return fallback }
            guard let value = Int(text), value > 0 else { throw Self.bad(key) }
            return value
        }
        linkBase = setting("link-base") ?? linkBase
        providers = setting("providers") ?? providers
        guard ["simulated", "http", "both"].contains(providers) else { throw Self.bad("providers") }
        networkName = setting("sim-network") ?? networkName
        if let journal = setting("sim-journal") {
            guard ["on", "off"].contains(journal) else { throw Self.bad("sim-journal") }
            simulatedJournal = journal == "on"
        }
        recordLimit = try int("sim-record-limit", recordLimit)
        if let url = setting("http-provider-url") {
            guard let parsed = URL(string: url), parsed.scheme?.hasPrefix("http") == true else { throw Self.bad("http-provider-url") }
            httpURL = parsed
        }
        if providers != "simulated", httpURL == nil { throw Self.bad("http-provider-url") }
        httpName = setting("http-provider-name") ?? httpName
        if let list = setting("http-provider-channels") { httpChannels = try Self.channels(list, key: "http-provider-channels") }
        errorThreshold = try int("provider-error-threshold", errorThreshold)
        probeSeconds = TimeInterval(try int("provider-probe-seconds", Int(probeSeconds)))
        resolveBatch = min(ResolveBatch.maximumCount, try int("resolve-batch", resolveBatch))
        sendBatch = try int("send-batch", sendBatch)
        sendConcurrency = try int("send-concurrency", sendConcurrency)
        pollMilliseconds = try int("poll-milliseconds", pollMilliseconds)
        retrySeconds = TimeInterval(try int("retry-seconds", Int(retrySeconds)))
        maxAttempts = try int("max-attempts", maxAttempts)
        campaignBatch = try int("campaign-batch", campaignBatch)
        termsVersion = setting("terms-version") ?? termsVersion
        for name in Self.simulatedProviders {
            var behaviour = SimulatedNetwork.Behaviour()
            behaviour.latencyMilliseconds = Int(setting("sim-\(name)-latency-ms") ?? "0") ?? 0
            if let rate = setting("sim-\(name)-failure-rate") {
                guard let value = Double(rate), (0...1).contains(value) else { throw Self.bad("sim-\(name)-failure-rate") }
                behaviour.failureRate = value
            }
            if let list = setting("sim-\(name)-reject") { behaviour.rejectChannels = try Self.channels(list, key: "sim-\(name)-reject") }
            if let list = setting("sim-\(name)-outages") { behaviour.outages = try Self.outages(list, key: "sim-\(name)-outages") }
            simulated["sim-\(name)"] = behaviour
        }
    }

    private static func channels(_ list: String, key: String) throws(ErrorReply) -> Set<NoticeChannel> {
        var result: Set<NoticeChannel> = []
        for part in list.split(separator: ",") {
            guard let channel = NoticeChannel(rawValue: part.trimmingCharacters(in: .whitespaces).uppercased()) else { throw bad(key) }
            result.insert(channel)
        }
        return result
    }

    private static func outages(_ list: String, key: String) throws(ErrorReply) -> [ClosedRange<Date>] {
        let parser = ISO8601DateFormatter()
        var result: [ClosedRange<Date>] = []
        for part in list.split(separator: ",") {
            let ends = part.split(separator: "/")
            guard ends.count == 2, let start = parser.date(from: String(ends[0])), let end = parser.date(from: String(ends[1])),
                  start <= end else { throw bad(key) }
            result.append(start...end)
        }
        return result
    }

    private static func bad(_ key: String) -> ErrorReply {
        ErrorReply(code: .invalidSetting, message: "setting \(key) is not valid", field: key)
    }
}
