import ArgumentParser
import Foundation
import IdentityCore

/// `songdal identity`: synthetic data for tests and benchmarks (SPEC ID-7). Never real people.
struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Synthetic identity data: test CIs and carrier sync files.",
        subcommands: [Synth.self, TestCI.self])

    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a carrier sync CSV with realistic shares of carriers, multi-line people, MVNO and corporate lines.")

        @Option(help: "Rows to write.")
        var count: Int = 10_000

        @Option(help: "Output file.")
        var output: String = "subscribers.csv"

        @Option(help: "Seed: the same seed gives the same file.")
        var seed: UInt64 = 1

        func run() throws {
            guard count > 0 else { throw ValidationError("--count must be positive") }
            let people = try SyntheticDirectory.write(count: count, to: URL(fileURLWithPath: output), seed: seed)
            print("wrote \(count) rows for \(people) people to \(output)")
        }
    }

    struct TestCI: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ci", abstract: "Make a test CI: base64(HMAC-SHA-512(key, rrn)), 88 characters (ID-7).")

        @Option(help: "The generator key (any text; never a real agency key).")
        var key: String

        @Argument(help: "A synthetic resident registration number, e.g. 900101-1234567.")
        var rrn: String

        func run() throws {
            print(TestCIGenerator.ci(key: Array(key.utf8), rrn: rrn))
        }
    }
}
