import Foundation
import SongdalCrypto
import Testing

@Suite struct HMACTests {
    // RFC 4231 §4.2 (test case 1) and §4.3 (test case 2).
    static let case1Key = [UInt8](repeating: 0x0b, count: 20)
    static let case1Data = Array("Hi There".utf8)
    static let case2Key = Array("Jefe".utf8)
    static let case2Data = Array("what do ya want for nothing?".utf8)

    @Test func rfc4231SHA256() {
        #expect(Hex.encode(HMAC.sha256(key: Self.case1Key, data: Self.case1Data))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Hex.encode(HMAC.sha256(key: Self.case2Key, data: Self.case2Data))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func rfc4231SHA512() {
        #expect(Hex.encode(HMAC.sha512(key: Self.case1Key, data: Self.case1Data))
            == "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
            + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")
        #expect(Hex.encode(HMAC.sha512(key: Self.case2Key, data: Self.case2Data))
            == "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")
    }

    @Test func hmacKeyEqualsOneShot() throws {
        let key = try HMACKey(key: Self.case2Key)
        #expect(key.sha256(Self.case2Data) == HMAC.sha256(key: Self.case2Key, data: Self.case2Data))
        #expect(key.sha256([]) == HMAC.sha256(key: Self.case2Key, data: []))
        // Reuse must not carry state from one message to the next.
        #expect(key.sha256(Self.case2Data) == key.sha256(Self.case2Data))
        let empty = try HMACKey(key: [])
        #expect(empty.sha256(Self.case1Data) == HMAC.sha256(key: [], data: Self.case1Data))
        let long = [UInt8](repeating: 0xaa, count: 131)  // RFC 4231 case 6 key, longer than a block
        #expect(try HMACKey(key: long).sha256(Self.case1Data) == HMAC.sha256(key: long, data: Self.case1Data))
    }

    @Test func hmacKeyConcurrent() async throws {
        let key = try HMACKey(key: Self.case1Key)
        let messages = (0..<2_000).map { Array("010-1234-\($0)".utf8) }
        let expected = messages.map { HMAC.sha256(key: Self.case1Key, data: $0) }
        let results = await withTaskGroup(of: [[UInt8]].self) { group in
            for _ in 0..<2 { group.addTask { messages.map { key.sha256($0) } } }
            var all: [[[UInt8]]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 2)
        for result in results { #expect(result == expected) }
    }

    @Test func id7SyntheticCI() {
        let mac = HMAC.sha512(key: Array("songdal-test-key".utf8), data: Array("9001011234567".utf8))
        let base64 = Data(mac).base64EncodedString()
        #expect(base64.count == 88)
        #expect(base64.hasSuffix("=="))
    }

    @Test func constantTimeEquals() {
        #expect(HMAC.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!HMAC.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!HMAC.constantTimeEquals([1, 2], [1, 2, 3]))
    }
}
