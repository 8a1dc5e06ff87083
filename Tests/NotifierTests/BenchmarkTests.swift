import Foundation
@testable import NotifierCore
import Testing

/// Runs the benchmark with a small count when `SONGDAL_BENCH` is set (`SONGDAL_BENCH=20000`).
@Suite struct BenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SONGDAL_BENCH"] != nil))
    func benchmark() async throws {
        let count = Int(ProcessInfo.processInfo.environment["SONGDAL_BENCH"] ?? "") ?? 100_000
        let figures = try await NotifierBenchmark.run(count: max(count, 1_000), directory: FileManager.default.temporaryDirectory)
        let delivered = figures.first { $0.key == "delivered" }?.value
        #expect(delivered == String(max(count, 1_000)))
        print(figures.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))
    }
}
