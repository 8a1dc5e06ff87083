import Foundation
import GRDB
@testable import IdentityCore
import Schema
import SongdalCrypto
import Testing

/// The reusable crypto contexts of the hot paths must give exactly what the one-shot API gives,
/// and the pipelined import exactly what applying rows one by one gives.
@Suite("ID-5 reusable cipher contexts and the pipelined import")
struct CipherSessionTests {
    @Test("HMACContext equals HMACKey and one-shot HMAC, message after message")
    func hmacContextMatches() throws {
        let key = try SecureRandom.bytes(32)
        let context = try HMACContext(key: HMACKey(key: key))
        let reference = try HMACKey(key: key)
        for length in [0, 1, 31, 32, 64, 65, 1000] {
            let message = try SecureRandom.bytes(length)
            let mac = context.sha256(message)
            #expect(mac == reference.sha256(message))
            #expect(mac == HMAC.sha256(key: key, data: message))
        }
        #expect(context.sha256(Array("a".utf8)) != context.sha256(Array("b".utf8)))
    }

    @Test("AESGCMSealer boxes open with AESGCMKey and back; tampering and wrong AAD fail; nonces differ")
    func sealerInteroperates() throws {
        let key = try AESGCMKey.generate()
        let sealer = AESGCMSealer(key: key)
        let aad = Array("row-hash".utf8)
        var nonces = Set<[UInt8]>()
        for index in 0..<200 {
            let plain = Array("01012345\(index)".utf8)
            let box = try sealer.seal(plain, authenticating: aad)
            nonces.insert(Array(box.prefix(12)))
            #expect(try key.open(box, authenticating: aad) == plain)
            #expect(try sealer.open(key.seal(plain, authenticating: aad), authenticating: aad) == plain)
        }
        #expect(nonces.count == 200)
        var box = try sealer.seal(Array("secret".utf8), authenticating: aad)
        #expect(throws: CryptoError.self) { try sealer.open(box, authenticating: Array("other".utf8)) }
        box[box.count - 1] ^= 1
        #expect(throws: CryptoError.self) { try sealer.open(box, authenticating: aad) }
        // The context is usable again after a failed open.
        #expect(try sealer.open(sealer.seal([7], authenticating: aad), authenticating: aad) == [7])
    }

    @Test("a CipherSession hashes like IdentityCipher and its boxes open with it")
    func sessionMatchesCipher() throws {
        let cipher = try IdentityCipher(keys: IdentityKeys.generate())
        let session = try cipher.session()
        let ciBytes = try #require(CICodec.decode(ci(1)))
        let phone = Array("01012345678".utf8)
        #expect(session.ciHash(ciBytes) == cipher.ciHash(ciBytes))
        #expect(session.phoneHash(phone) == cipher.phoneHash(phone))
        let hash = cipher.phoneHash(phone)
        #expect(try cipher.open(session.seal(phone, hash: hash), hash: hash) == phone)
        #expect(try session.open(cipher.seal(phone, hash: hash), hash: hash) == phone)
    }

    @Test("an import in many small pipelined batches ends as the row-by-row result")
    func smallBatchesMatch() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // The same phone three times across batches: newer wins, older is stale, then the
        // number moves to another person; plus inserts and an unchanged repeat.
        let url = try scratch.file([
            header,
            row(ci(1), "KT", "010-1000-0001"),
            row(ci(2), "SKT", "010-1000-0002"),
            row(ci(1), "KT", "010-1000-0001", status: "cancelled", updatedAt: at2),
            row(ci(1), "KT", "010-1000-0001"),
            row(ci(3), "LGU", "010-1000-0003"),
            row(ci(3), "LGU", "010-1000-0003"),
            row(ci(4), "KT", "010-1000-0002", updatedAt: at2),
        ])
        var importer = DirectoryImporter(cipher: scratch.directory.cipher, pool: scratch.store.pool)
        importer.batchSize = 2
        let report = try importer.run(url: url, mode: .incremental, carrier: nil, now: Date(timeIntervalSince1970: 1_795_399_200))
        #expect(report.state == .finished)
        #expect(report.inserted == 3 && report.updated == 2 && report.stale == 1 && report.unchanged == 1)
        #expect(try scratch.directory.lineCount() == 3)
        #expect(try scratch.directory.resolve(ci: ci(1)) == .unreachable(.cancelled))
        #expect(try scratch.directory.resolve(ci: ci(2)) == .unreachable(.noSubscriber))
        #expect(try scratch.directory.resolve(ci: ci(4)).line?.phone == "01010000002")
        #expect(try scratch.directory.resolve(ci: ci(3)).line?.phone == "01010000003")
    }
}
