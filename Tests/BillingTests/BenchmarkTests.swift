import BillingCore
import Foundation
import Testing

@Suite("Billing benchmark")
struct BillingBenchmarkTests {
    /// `SONGDAL_BENCH=1 swift test -c release --filter BillingTests/benchmark` (optionally SONGDAL_BENCH_COUNT).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SONGDAL_BENCH"] != nil))
    func benchmark() async throws {
        let count = ProcessInfo.processInfo.environment["SONGDAL_BENCH_COUNT"].flatMap(Int.init)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("billing-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let figures = try await BillingBenchmark.run(count: count, directory: directory)
        for figure in figures { print("\(figure.key): \(figure.value)") }
        #expect(figures.contains { $0.key == "ingest" })
        #expect(figures.contains { $0.key == "invoicing" })
    }

    @Test("the benchmark runs end to end on a small workload")
    func smallRun() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("billing-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let figures = try await BillingBenchmark.run(count: 20_000, directory: directory)
        #expect(figures.map(\.key).prefix(2) == ["ingest", "invoicing"] || figures.map(\.key).contains("invoicing"))
        #expect(figures.first { $0.key == "invoicing_institutions" }?.value == "20")
    }
}
