import ArgumentParser
import Bus
import Foundation
import GRDB
import Schema
import SongdalTesting
import Store
import ZeroMQ

/// `songdal bench bus` (issue 2): the same message count through (a) raw libzmq via a relaying
/// ROUTER and (b) the full bus — binary header, broker, outbox and inbox in SQLite on disk, ACKs —
/// in one run, and the ratio b/a.
struct BusBenchmark {
    enum Transport: String, ExpressibleByArgument, Sendable { case inproc, ipc }

    let count: Int
    let transport: Transport
    let phases: BenchPhase
    let frameBytes = 200
    let roundTripSamples = 2_000

    func run() async throws -> [(key: String, value: String)] {
        let context = try Context()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("songdal-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // One endpoint per measurement: a closed ROUTER gives up its endpoint in the background,
        // so binding the same one again at once can fail (inproc) or race its teardown.
        let name = UUID().uuidString
        func endpoint(_ measurement: String) -> String {
            transport == .inproc ? "inproc://raw-\(name)-\(measurement)" : "ipc://\(scratch.path)/raw-\(measurement).sock"
        }
        let relay = RawRelay(context: context, frameBytes: frameBytes)
        let raw = try await phases.run("raw throughput") { try relay.throughput(count: count, endpoint: endpoint("throughput")) }
        let rawTrips = try await phases.run("raw round trips") {
            try relay.roundTrips(count: roundTripSamples, endpoint: endpoint("trips"))
        }

        let (bus, busTrips, outboxWrites, retried) = try await busPath()
        return [
            ("raw", String(Int(raw))),
            ("raw_p50_us", format(percentile(rawTrips, 0.50))),
            ("raw_p99_us", format(percentile(rawTrips, 0.99))),
            ("bus", String(Int(bus))),
            ("bus_p50_us", format(percentile(busTrips, 0.50))),
            ("bus_p99_us", format(percentile(busTrips, 0.99))),
            ("ratio", String(format: "%.2f", bus / raw)),
            ("outbox_writes", String(Int(outboxWrites))),
            ("resends", String(retried)),
            ("messages", String(count)),
            ("transport", transport.rawValue),
        ]
    }

    /// Messages/s end to end, round trips (µs), the producer's outbox-write rate alone, re-sends.
    private func busPath() async throws -> (Double, [Double], Double, Int) {
        let cluster = try TestCluster(transport: transport == .inproc ? .inproc : .ipc)
        do {
            let result = try await busPath(cluster)
            try await phases.run("bus shutdown") { await cluster.shutdown() }
            return result
        } catch {
            await cluster.shutdown()
            throw error
        }
    }

    private func busPath(_ cluster: TestCluster) async throws -> (Double, [Double], Double, Int) {
        let (sink, source) = try await phases.run("bus start") {
            let sink = try await cluster.start(BenchSink.member)
            // The production retry policy: TestCluster's short test timers would re-send a deep pipeline.
            let source = try await cluster.start(ClusterMember(
                service: "bench-source", registry: BenchSink.registry, tune: { $0.retry = RetryPolicy() }) { _ in [] })
            return (sink, source)
        }
        let payload = try PayloadCodec.encode(BenchItem(n: 0, blob: String(repeating: "x", count: frameBytes)))
        let type = BenchItem.messageType
        let count = self.count
        let (seconds, produced) = try await phases.run("bus throughput") {
            let start = DispatchTime.now().uptimeNanoseconds
            for first in stride(from: 0, to: count, by: 1_000) {
                let last = min(first + 1_000, count)
                try await source.write { db, outbox in
                    for _ in first..<last {
                        try outbox.enqueue(type: type, payload: payload, to: "bench-sink", correlationId: nil,
                                           causationId: nil, lane: 0, in: db)
                    }
                }
            }
            let produced = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            while sink.statistics.applied < count || source.statistics.acknowledged < count {
                try await Task.sleep(for: .milliseconds(2))
            }
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, produced)
        }
        let trips = try await phases.run("bus round trips") {
            var trips: [Double] = []
            for n in 0..<roundTripSamples {
                let begin = DispatchTime.now().uptimeNanoseconds
                _ = try await source.request(BenchEcho(n: n))
                trips.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1_000)
            }
            return trips
        }
        return (Double(count) / seconds, trips, Double(count) / produced, source.statistics.retried)
    }

    private func percentile(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    private func format(_ value: Double) -> String { String(format: "%.0f", value) }
}

struct BenchItem: BusMessage {
    static let messageType = MessageType.command("bench.item", handledBy: "bench-sink")
    let n: Int
    let blob: String
}

struct BenchEcho: BusRequest {
    typealias Reply = BenchEchoReply
    static let messageType = MessageType.command("bench.echo", handledBy: "bench-sink")
    let n: Int
}

struct BenchEchoReply: BusMessage {
    static let messageType = MessageType.reply("bench.echo.reply")
    let n: Int
}

/// The receiving side: applies each item into a table, answers echoes through its outbox.
enum BenchSink {
    static let registry = MessageRegistry([BenchItem.messageType, BenchEcho.messageType, BenchEchoReply.messageType])

    static let member = ClusterMember(
        service: "bench-sink",
        migrations: [Migration("bench-v1") { db in
            try db.execute(sql: "CREATE TABLE bench_applied (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER NOT NULL)")
        }],
        registry: registry
    ) { environment in
        environment.endpoint.handle(BenchItem.self) { item, context in
            try context.db.cachedStatement(sql: "INSERT INTO bench_applied (n) VALUES (?)").execute(arguments: [item.n])
        }
        environment.endpoint.handle(BenchEcho.self, reply: { echo, _ in BenchEchoReply(n: echo.n) })
        return []
    }
}
