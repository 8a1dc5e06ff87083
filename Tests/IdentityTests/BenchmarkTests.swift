import Foundation
import IdentityCore
import Testing

@Suite("Identity benchmark")
struct BenchmarkTests {
    /// `SONGDAL_BENCH=1 swift test -c release --filter IdentityTests/benchmark` (count via SONGDAL_BENCH_COUNT).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SONGDAL_BENCH"] != nil))
    func benchmark() async throws {
        let count = ProcessInfo.processInfo.environment["SONGDAL_BENCH_COUNT"].flatMap(Int.init)
        let figures = try await IdentityBenchmark.run(count: count, directory: FileManager.default.temporaryDirectory)
        for figure in figures { print("\(figure.key): \(figure.value)") }
        #expect(figures.contains { $0.key == "import" })
    }
}
