import Foundation
import SongdalCrypto
import Testing

@Suite struct AESGCMTests {
    @Test func roundTrip() throws {
        let key = try AESGCMKey.generate()
        let plaintext = Array("9001011234567".utf8)
        let sealed = try key.seal(plaintext, authenticating: Array("row-42".utf8))
        #expect(sealed.count == plaintext.count + 28)
        #expect(try key.open(sealed, authenticating: Array("row-42".utf8)) == plaintext)
        #expect(try key.open(key.seal([])) == [])
        // Fresh nonce per seal: the same plaintext never yields the same box.
        #expect(try key.seal(plaintext) != key.seal(plaintext))
    }

    @Test func knownAnswer() throws {
        // NIST GCM test vector (gcmEncryptExtIV256, Count 0 with 16-byte plaintext):
        // all-zero key, all-zero IV, plaintext 16 zero bytes.
        let key = try AESGCMKey(bytes: [UInt8](repeating: 0, count: 32))
        let sealed = [UInt8](repeating: 0, count: 12)
            + Hex.decode("cea7403d4d606b6e074ec5d3baf39d18")! + Hex.decode("d0d1c8a799996bf0265b98b5d48ab919")!
        #expect(try key.open(sealed) == [UInt8](repeating: 0, count: 16))
    }

    @Test func everyFlippedBitFails() throws {
        let key = try AESGCMKey.generate()
        let aad = Array("aad".utf8)
        let sealed = try key.seal(Array("010-1234-5678".utf8), authenticating: aad)
        // nonce (0), ciphertext (12), tag (last byte)
        for position in [0, 11, 12, sealed.count - 16, sealed.count - 1] {
            var tampered = sealed
            tampered[position] ^= 0x01
            #expect(throws: CryptoError.self) { try key.open(tampered, authenticating: aad) }
        }
        #expect(throws: CryptoError.self) { try key.open(sealed, authenticating: Array("aae".utf8)) }
        #expect(throws: CryptoError.self) { try key.open(sealed) }
        #expect(throws: CryptoError.self) { try AESGCMKey.generate().open(sealed, authenticating: aad) }
        #expect(throws: CryptoError.self) { try key.open(Array(sealed.prefix(27))) }
        do {
            _ = try key.open(Array(sealed.dropLast()), authenticating: aad)
            Issue.record("truncated box opened")
        } catch {
            #expect(error.reason == "authentication failed")
        }
    }

    @Test func wrongKeyLength() {
        #expect(throws: CryptoError.self) { try AESGCMKey(bytes: [UInt8](repeating: 1, count: 16)) }
        #expect(throws: CryptoError.self) { try AESGCMKey(bytes: []) }
        #expect(throws: CryptoError.self) { try AESGCMKey(bytes: [UInt8](repeating: 1, count: 33)) }
    }
}
