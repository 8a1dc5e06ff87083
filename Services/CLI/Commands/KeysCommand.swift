import ArgumentParser
import Bus
import Foundation

/// `songdal keys`: CURVE key pairs for the bus.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create or list the bus's CURVE key pairs (broker + one per service).",
        subcommands: [Generate.self, List.self], defaultSubcommand: List.self)

    static let services = ["broker", "identity", "vault", "notifier", "billing", "reminder", "gateway", "cli"]

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create missing key pairs (existing ones are kept). The broker allows every <name>.pub in the folder.")

        @Option(name: .customLong("keys-dir"), help: "Key folder (env SONGDAL_KEYS_DIR).")
        var keysDirectory: String = ProcessInfo.processInfo.environment["SONGDAL_KEYS_DIR"] ?? ".songdal/keys"

        @Argument(help: "Names to create keys for (default: the broker and every service).")
        var names: [String] = []

        func run() throws {
            let folder = URL(fileURLWithPath: keysDirectory)
            for name in names.isEmpty ? KeysCommand.services : names {
                let pair = try BusKeys.loadOrCreate(name, in: folder)
                print("\(name): \(pair.publicKey)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the public keys in the folder.")

        @Option(name: .customLong("keys-dir"), help: "Key folder (env SONGDAL_KEYS_DIR).")
        var keysDirectory: String = ProcessInfo.processInfo.environment["SONGDAL_KEYS_DIR"] ?? ".songdal/keys"

        func run() throws {
            let folder = URL(fileURLWithPath: keysDirectory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".pub") {
                let key = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "?"
                print("\(name.dropLast(4)): \(key.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
    }
}
