import Foundation
import ReminderCore
import Testing

/// Opt-in: `SONGDAL_BENCH=1 swift test -c release --filter ReminderTests/benchmark`
/// (`SONGDAL_BENCH_COUNT` for a smaller store than the goal's 10,000,000).
@Test(.enabled(if: ProcessInfo.processInfo.environment["SONGDAL_BENCH"] != nil))
func benchmark() async throws {
    let count = ProcessInfo.processInfo.environment["SONGDAL_BENCH_COUNT"].flatMap(Int.init)
    let figures = try await ReminderBenchmark.run(count: count, directory: FileManager.default.temporaryDirectory)
    for figure in figures { print("\(figure.key): \(figure.value)") }
    #expect(figures.contains { $0.key == "import" })
    #expect(figures.contains { $0.key == "selection" })
}
