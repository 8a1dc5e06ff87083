import Foundation
@testable import GatewayCore
import Testing

@Suite(.serialized) struct BenchmarkTests {
    /// `SONGDAL_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter GatewayTests.BenchmarkTests`
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SONGDAL_BENCH"] != nil))
    func benchmark() async throws {
        let count = ProcessInfo.processInfo.environment["SONGDAL_BENCH_COUNT"].flatMap(Int.init)
        let figures = try await GatewayBenchmark.run(count: count, directory: FileManager.default.temporaryDirectory)
        for (key, value) in figures { print("\(key): \(value)") }
        #expect(figures.first { $0.key == "failures" }?.value == "0")
    }

    /// A small run of the same code path in every test run, so the load client stays working.
    @Test func smallRunSucceeds() async throws {
        let figures = try await GatewayBenchmark.run(count: 200, directory: FileManager.default.temporaryDirectory)
        let values = Dictionary(uniqueKeysWithValues: figures.map { ($0.key, $0.value) })
        #expect(values["failures"] == "0")
        #expect((Int(values["submissions"] ?? "0") ?? 0) > 0)
    }
}
