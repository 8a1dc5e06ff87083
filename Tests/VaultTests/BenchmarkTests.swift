import Foundation
import Testing
@testable import VaultCore

/// `SONGDAL_BENCH=1 swift test -c release --filter VaultTests/benchmark` runs the goal-sized workload.
@Suite struct VaultBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SONGDAL_BENCH"] != nil))
    func benchmark() async throws {
        let count = ProcessInfo.processInfo.environment["SONGDAL_BENCH_COUNT"].flatMap(Int.init)
        let figures = try await VaultBenchmark.run(count: count, directory: FileManager.default.temporaryDirectory)
        for (key, value) in figures { print("\(key): \(value)") }
        #expect(figures.map(\.key).starts(with: ["register", "append", "verify", "audit"]))
    }

    /// A small run in every test pass, so the benchmark code itself cannot rot.
    @Test func smallRunProducesAllFigures() async throws {
        let figures = try await VaultBenchmark.run(count: 20_000, directory: FileManager.default.temporaryDirectory)
        #expect(figures.map(\.key) == ["register", "append", "verify", "audit", "audit_leaves"])
        // 100 registrations + 20,000 appended leaves + 100 certificate issuances.
        #expect(figures.first { $0.key == "audit_leaves" }?.value == "20200")
    }
}
