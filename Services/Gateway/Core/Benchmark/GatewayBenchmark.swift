import Bus
import Foundation
import Logging
import Runtime
import Schema
import ServiceLifecycle
import Store
import Synchronization
import ZeroMQ

/// `songdal bench gateway`: notice submissions over HTTP keep-alive against a gateway whose
/// notifier is a fast fake behind a real (in-process) bus, and the recipient cover page.
/// Keys: `submissions` (req/s), `p99` and `p50` (ms), `page_p99` (ms), `failures`.
///
/// Submissions go over `connections` keep-alive connections (default 32, like an institution's
/// batch sender with a worker pool); the throughput goal is met at that load only if p99 stays
/// within its bound too, so both figures are printed from the same run.
public enum GatewayBenchmark {
    public static let defaultConnections = 32

    /// Runs one named phase of the benchmark; `songdal bench` passes one that enforces a deadline.
    public typealias Phase = @Sendable (_ name: String, _ body: () async throws -> Void) async throws -> Void

    public static func run(count: Int?, directory: URL, connections: Int? = nil, phase: Phase = { _, body in try await body() })
        async throws -> [(key: String, value: String)] {
        let submissions = max(count ?? 50_000, 100)
        let pages = max(submissions / 5, 100)
        let connections = max(1, connections ?? defaultConnections)
        var started: BenchmarkSetup?
        defer { started?.stop() }
        try await phase("setup") { started = try await BenchmarkSetup(directory: directory) }
        guard let setup = started else { throw CancellationError() }  // only a hook that skipped the phase
        let port = await setup.server.port()
        let key = try setup.server.keys.create(institution: "bench", scope: .institution, label: "benchmark")

        let body = #"{"phone":"010-1234-5678","title":"고지","coverText":"전자고지 안내","documentId":"1.2.410.200032.9.aaaa"}"#
        let submit = Array("""
            POST /v1/notices HTTP/1.1\r
            Host: 127.0.0.1\r
            Authorization: Bearer \(key)\r
            Content-Type: application/json\r
            Content-Length: \(body.utf8.count)\r
            \r
            \(body)
            """.utf8)
        var measured = LoadClient.Result(latencies: [], seconds: 0, failures: 0)
        try await phase("submissions") {
            // Warm up (connections, caches, JIT-free but page cache and SQLite statements).
            _ = await LoadClient.run(port: port, request: submit, total: 500, connections: connections, expectStatus: "202")
            measured = await LoadClient.run(port: port, request: submit, total: submissions, connections: connections, expectStatus: "202")
            try Task.checkCancellation()
        }

        let page = Array("GET /r/\(BenchmarkSetup.token) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        var pageRun = measured
        try await phase("cover pages") {
            _ = await LoadClient.run(port: port, request: page, total: 200, connections: 4, expectStatus: "200")
            pageRun = await LoadClient.run(port: port, request: page, total: pages, connections: 4, expectStatus: "200")
            try Task.checkCancellation()
        }

        return [
            ("submissions", String(Int(Double(measured.latencies.count) / measured.seconds))),
            ("p99", format(percentile(measured.latencies, 0.99))),
            ("p50", format(percentile(measured.latencies, 0.50))),
            ("page_p99", format(percentile(pageRun.latencies, 0.99))),
            ("pages_per_second", String(Int(Double(pageRun.latencies.count) / pageRun.seconds))),
            ("failures", String(measured.failures + pageRun.failures)),
            ("connections", String(connections)),
        ]
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    static func format(_ milliseconds: Double) -> String { String(format: "%.2f", milliseconds) }
}

/// A broker, a fake notifier and the gateway in one process.
final class BenchmarkSetup: Sendable {
    static let token = "tok_benchmark_0123456789"
    let broker: Broker
    let server: GatewayServer
    private let tasks: [Task<Void, Never>]
    private let root: URL

    init(directory: URL) async throws {
        let context = try Context()
        var logger = Logger(label: "gateway-bench")
        logger.logLevel = .error
        let address = "inproc://gateway-bench-\(UUID().uuidString)"
        broker = try Broker(configuration: BrokerConfiguration(endpoint: address), context: context, logger: logger)
        try broker.start()
        let clock = SystemWallClock()
        let root = directory.appendingPathComponent("gateway-bench-\(UUID().uuidString)")
        self.root = root
        let notifierStore = try ServiceStore(directory: root.appendingPathComponent("notifier"), service: "notifier", migrations: [])
        let gatewayStore = try ServiceStore(directory: root.appendingPathComponent("gateway"), service: GatewayService.name,
                                            migrations: GatewayService.migrations)
        let notifier = try BusEndpoint(configuration: EndpointConfiguration(service: "notifier", brokerEndpoint: address),
                                       store: notifierStore, registry: GatewayService.registry, context: context, logger: logger,
                                       now: { clock.now })
        let gateway = try BusEndpoint(configuration: EndpointConfiguration(service: GatewayService.name, brokerEndpoint: address),
                                      store: gatewayStore, registry: GatewayService.registry, context: context, logger: logger,
                                      now: { clock.now })
        let counter = Counter()
        notifier.handle(SubmitNotice.self, reply: { _, ctx in
            NoticeAccepted(noticeId: "n-\(counter.next())", state: .accepted, acceptedAt: ctx.now, replayed: false)
        })
        notifier.answer(OpenNotice.self) { _, _ in
            CoverPage(noticeId: "n-1", institution: "bench", title: "자동차세 고지", coverText: "11월 자동차세 전자고지입니다.",
                      recipientMasked: "010-****-5678", state: .delivered, readDeadline: nil, termsVersion: "v1", termsText: "약관")
        }
        var configuration = GatewayConfiguration()
        configuration.port = 0
        configuration.rateLimitPerSecond = 1_000_000
        configuration.rateLimitBurst = 1_000_000
        server = try GatewayServer(environment: ServiceEnvironment(
            endpoint: gateway, store: gatewayStore, clock: clock, calendar: BusinessCalendar(holidays: [:], coveredYears: 2000...2100),
            logger: logger, directory: root.appendingPathComponent("gateway")), configuration: configuration, metrics: GatewayMetrics())
        let server = self.server
        tasks = [Task { try? await notifier.run() }, Task { try? await gateway.run() }, Task { try? await server.run() }]
        for _ in 0..<1_000 where !(gateway.isConnected && notifier.isConnected) {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func stop() {
        for task in tasks { task.cancel() }
        broker.stop()
        try? FileManager.default.removeItem(at: root)
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
    }
}
