import Foundation
import SongdalCrypto
import Testing

@Suite struct DigestTests {
    @Test func sha256KnownAnswer() {
        // FIPS 180-2 Appendix B.1 / B.2 and the empty message.
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hash(Array("abc".utf8)).count == 32)
        #expect(SHA256.hash(Data("abc".utf8)) == SHA256.hash("abc"))
    }

    @Test func sha512KnownAnswer() {
        #expect(SHA512.hex(Array("abc".utf8)) ==
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    }

    @Test func streamingEqualsOneShot() throws {
        var bytes = [UInt8](repeating: 0, count: 1_000_003)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 7) }
        var hasher = try SHA256Hasher()
        var offset = 0
        var step = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            hasher.update(bytes[offset..<end].withUnsafeBytes { Array($0) })
            offset = end
            step = step * 3 + 1  // uneven chunk sizes, including tiny ones
        }
        #expect(hasher.finalize() == SHA256.hash(bytes))

        let empty = try SHA256Hasher()
        #expect(Hex.encode(empty.finalize()) == SHA256.hex(""))
    }

    @Test func hexRoundTrip() {
        #expect(Hex.encode([0x00, 0xab, 0xff]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xab, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("") == [])
    }

    @Test func hexDecodeRefusesABadCharacterAnywhere() {
        let hash = SHA256.hex("songdal")
        #expect(Hex.decode(hash) == SHA256.hash("songdal"))
        #expect(Hex.decode(hash.uppercased()) == SHA256.hash("songdal"))
        #expect(Hex.decode(hash.dropFirst(2)) == Array(SHA256.hash("songdal").dropFirst()))  // a Substring
        for position in 0..<hash.count {
            var bad = Array(hash.utf8)
            bad[position] = UInt8(ascii: "g")
            #expect(Hex.decode(String(decoding: bad, as: UTF8.self)) == nil, "bad character at \(position)")
        }
        #expect(Hex.decode("0é") == nil)
    }
}
