import Foundation
@testable import NotifierCore
import Testing

/// Runs the benchmark when `SONGDAL_BENCH` is set: 100,000 notices, or the count it names (`SONGDAL_BENCH=1000000`).
@Suite struct BenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SONGDAL_BENCH"] != nil))
    func benchmark() async throws {
        let given = Int(ProcessInfo.processInfo.environment["SONGDAL_BENCH"] ?? "") ?? 1
        let count = given > 1 ? given : 100_000
        let figures = try await NotifierBenchmark.run(count: max(count, 1_000), directory: FileManager.default.temporaryDirectory)
        let delivered = figures.first { $0.key == "delivered" }?.value
        #expect(delivered == String(max(count, 1_000)))
        print(figures.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))
    }
}
