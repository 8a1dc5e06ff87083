import Bus
import CoreMetrics
import Foundation
import SongdalTesting
import Synchronization
import Testing

/// Records what the bus reports through swift-metrics.
final class RecordingMetrics: MetricsFactory, @unchecked Sendable {
    final class Handler: CounterHandler, RecorderHandler, TimerHandler, FloatingPointCounterHandler, @unchecked Sendable {
        let label: String
        let dimensions: [(String, String)]
        let sink: RecordingMetrics
        init(label: String, dimensions: [(String, String)], sink: RecordingMetrics) {
            self.label = label
            self.dimensions = dimensions
            self.sink = sink
        }
        func increment(by amount: Int64) { sink.note(label, dimensions, Double(amount)) }
        func increment(by amount: Double) { sink.note(label, dimensions, amount) }
        func reset() {}
        func record(_ value: Int64) { sink.note(label, dimensions, Double(value)) }
        func record(_ value: Double) { sink.note(label, dimensions, value) }
        func recordNanoseconds(_ duration: Int64) { sink.note(label, dimensions, Double(duration)) }
    }

    private let values = Mutex<[String: [Double]]>([:])

    func note(_ label: String, _ dimensions: [(String, String)], _ value: Double) {
        let key = ([label] + dimensions.map { "\($0.0)=\($0.1)" }).joined(separator: " ")
        values.withLock { $0[key, default: []].append(value) }
    }

    func samples(_ key: String) -> [Double] { values.withLock { $0[key] ?? [] } }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { Handler(label: label, dimensions: dimensions, sink: self) }
    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler { Handler(label: label, dimensions: dimensions, sink: self) }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler { Handler(label: label, dimensions: dimensions, sink: self) }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { Handler(label: label, dimensions: dimensions, sink: self) }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}

@Suite("Bus metrics")
struct MetricsTests {
    @Test("retries, round trips per destination and outbox depth are reported")
    func reported() async throws {
        let metrics = RecordingMetrics()
        MetricsSystem.bootstrap(metrics)   // once per process: the only test that bootstraps
        // Every ACK is lost until the sink has applied everything, so the source must re-send.
        let cluster = try TestCluster(faults: BrokerFaults(dropAcks: 1))
        let sink = try await cluster.start(sinkMember)
        let source = try await cluster.start(sourceMember)
        try await sendItems(source, 0..<200)
        #expect(try await eventually { try await appliedCount(sink).rows == 200 })
        #expect(try await eventually { source.statistics.retried > 0 })
        cluster.setFaults(.none)
        #expect(try await eventually { try await drained(sink, expecting: 200, source: source) })
        #expect(try await eventually(timeoutSeconds: 5) { !metrics.samples("songdal_bus_outbox_depth service=source").isEmpty })
        await cluster.shutdown()
        #expect(metrics.samples("songdal_bus_retries_total service=source").reduce(0, +) > 0)
        #expect(!metrics.samples("songdal_bus_round_trip_seconds destination=sink").isEmpty)
    }
}
