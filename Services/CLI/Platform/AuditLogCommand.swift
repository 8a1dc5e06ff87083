import ArgumentParser
import Foundation
import SongdalCrypto
import VaultCore

extension AuditCommand {
    /// `songdal audit log`: the evidence log checked from outside, with what the gateway serves
    /// openly: every signed checkpoint's signature under the vault's published keys, and an RFC
    /// 9162 consistency proof between each pair of consecutive checkpoints, verified here against
    /// their signed roots (so the log was only ever appended to between them).
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log", abstract: "Check the log's signed checkpoints and that each extends the previous one.")

        @OptionGroup var options: Options

        @Option(help: "Start at this tree size.")
        var fromSize: Int = 0

        @Option(help: "At most this many checkpoints.")
        var limit: Int = 100

        func run() throws {
            guard fromSize >= 0, (1...1_000).contains(limit) else { throw ValidationError("--from-size ≥ 0, --limit 1…1000") }
            let client = try options.client()
            let keysAnswer = try client.get("/v1/vault/keys")
            let listAnswer = try client.get("/v1/vault/checkpoints?fromSize=\(fromSize)&limit=\(limit)")
            guard keysAnswer.status == 200, listAnswer.status == 200 else {
                try GatewayAnswer.print(keysAnswer.status == 200 ? listAnswer : keysAnswer)
                return
            }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            struct Keys: Decodable { struct Key: Decodable { var keyId: String; var publicKeyPEM: String }; var keys: [Key] }
            struct Entry: Decodable { var origin: String; var size: Int; var root: String; var keyId: String; var signature: String }
            struct List: Decodable { var checkpoints: [Entry]; var logSize: Int }
            struct Proof: Decodable { var proof: [String] }
            let keys = try decoder.decode(Keys.self, from: keysAnswer.body).keys
            var trusted: [String: Ed25519PublicKey] = [:]
            for key in keys { trusted[key.keyId] = try? Ed25519PublicKeyLoader.load(key.publicKeyPEM) }
            let list = try decoder.decode(List.self, from: listAnswer.body)
            var lines = ["log size: \(list.logSize)  checkpoints: \(list.checkpoints.count)"]
            var failed = false
            var previous: (size: Int, root: [UInt8])?
            for entry in list.checkpoints {
                let root = [UInt8](Data(base64Encoded: entry.root) ?? Data())
                let note = "\(entry.origin)\n\(entry.size)\n\(entry.root)\n"
                let signed = trusted[entry.keyId]?.isValidSignature([UInt8](Data(base64Encoded: entry.signature) ?? Data()), for: Array(note.utf8)) == true
                var status = signed ? "signature OK" : "SIGNATURE INVALID"
                if let previous, signed {
                    let answer = try client.get("/v1/vault/consistency?first=\(previous.size)&second=\(entry.size)")
                    let proof = (try? decoder.decode(Proof.self, from: answer.body).proof.compactMap { Hex.decode($0) }) ?? []
                    do {
                        try MerkleVerifier.verifyConsistency(first: previous.size, second: entry.size, firstRoot: previous.root,
                                                             secondRoot: root, proof: proof)
                        status += ", extends \(previous.size)"
                    } catch {
                        status += ", DOES NOT EXTEND \(previous.size) (\(error))"
                        failed = true
                    }
                }
                failed = failed || !signed
                lines.append("checkpoint \(entry.size): \(status)")
                if signed { previous = (entry.size, root) }
            }
            lines.append("log: \(failed ? "FAILED" : "OK")")
            if options.json { try GatewayAnswer.print(listAnswer) } else {
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
            if failed { throw ExitCode.failure }
        }
    }
}
