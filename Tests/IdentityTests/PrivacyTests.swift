import Bus
import Foundation
import IdentityCore
import Schema
import SongdalTesting
import Testing

@Suite("ID-5 privacy at rest and in logs", .serialized)
struct PrivacyTests {
    /// Whether `needle` occurs in `haystack`.
    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, Array(haystack[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }

    @Test("no CI and no phone in clear in identity.sqlite, its -wal, or the service's log")
    func nothingInClear() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        let capture = LogCapture()
        try await cluster.start(identityMember(capture: capture))
        let client = try await cluster.start(notifierMember)
        let phones = ["010-1000-0001", "010-1000-0002", "011-100-0003"]
        _ = try await importOverBus(client, try syncFile(cluster, [
            row(ci(1), "KT", phones[0]), row(ci(1), "KT", phones[1]), row(ci(2), "LGU", phones[2], kind: "feature2G"),
            row(String(ci(3).dropLast()), "KT", "010-1000-0004"),
        ]))
        _ = try await client.request(ResolveCI(ci: ci(1), institution: "bank", noticeId: "N-1"))
        _ = try await client.request(ChangeNumber(ci: ci(1), oldPhone: phones[1], newPhone: "010-1000-0009", effectiveAt: cluster.clock.now))
        _ = try await client.request(GiveConsent(ci: ci(1), thirdParty: "insurer", purpose: "claim", fields: [.phone]))
        _ = try await client.request(DiscloseToThirdParty(ci: ci(1), thirdParty: "insurer", purpose: "claim", fields: [.phone]))
        _ = try? await client.request(ResolveCI(ci: String(ci(4).dropLast()), institution: "bank", noticeId: "N-2"))

        let folder = cluster.directory.appendingPathComponent("identity-1")
        var bytes: [UInt8] = []
        for name in ["identity.sqlite", "identity.sqlite-wal"] {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) { bytes += data }
        }
        #expect(bytes.count > 10_000)
        let log = Array(capture.text.utf8)
        #expect(!log.isEmpty)
        for person in 1...4 {
            let text = ci(person)
            for (form, needle) in [("text", Array(text.utf8)), ("prefix", Array(text.utf8.prefix(40))), ("raw", Array(Data(base64Encoded: text) ?? Data()))] {
                let inStore = contains(bytes, needle)
                let inLog = contains(log, needle)
                #expect(!inStore, "CI of person \(person) (\(form)) in the store")
                #expect(!inLog, "CI of person \(person) (\(form)) in the log")
            }
        }
        for phone in phones + ["010-1000-0004", "010-1000-0009"] {
            let digits = phone.replacingOccurrences(of: "-", with: "")
            for needle in [Array(phone.utf8), Array(digits.utf8)] {
                let inStore = contains(bytes, needle)
                let inLog = contains(log, needle)
                #expect(!inStore, "phone \(phone) in the store")
                #expect(!inLog, "phone \(phone) in the log")
            }
        }
    }

    @Test("generated keys live in the service folder with mode 0600; configured keys are used as given")
    func keys() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        try await cluster.start(identityMember(capture: LogCapture()))
        let keyFile = cluster.directory.appendingPathComponent("identity-1/keys/identity-aes.key")
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("identity-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let hex = String(repeating: "ab", count: 32)
        let configured = try IdentityKeys.load(settings: { ["aes-key": hex, "hmac-key": hex][$0] }, directory: folder)
        #expect(configured.hmac == [UInt8](repeating: 0xAB, count: 32))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("keys").path))
        #expect(throws: IdentityKeyError.self) { try IdentityKeys.load(settings: { $0 == "aes-key" ? "abc" : nil }, directory: folder) }
    }
}
