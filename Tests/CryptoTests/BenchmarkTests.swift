import Foundation
import SongdalCrypto
import Testing

/// Rough throughput figures against the benchmarks of the brief; run with
/// `SONGDAL_CRYPTO_BENCH=1 swift test -c release --filter BenchmarkTests`. Off by default so
/// the normal test run stays fast and timing noise can never fail CI.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SONGDAL_CRYPTO_BENCH"] == "1"))
struct BenchmarkTests {
    func rate(_ label: String, count: Int, _ body: () throws -> Void) rethrows {
        let start = ContinuousClock.now
        try body()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        print("BENCH \(label): \(Int(Double(count) / seconds))/s (\(count) in \(String(format: "%.3f", seconds)) s)")
    }

    @Test func throughput() throws {
        let key = try HMACKey(key: SecureRandom.bytes(32))
        let phone = Array("01012345678".utf8)
        var sink = 0
        rate("HMACKey.sha256 (11 B)", count: 200_000) {
            for _ in 0..<200_000 { sink &+= Int(key.sha256(phone)[0]) }
        }
        rate("HMAC.sha256 one-shot (11 B)", count: 100_000) {
            for _ in 0..<100_000 { sink &+= Int(HMAC.sha256(key: phone, data: phone)[0]) }
        }
        let aes = try AESGCMKey.generate()
        let ci = Array("9001011234567".utf8)
        try rate("AESGCMKey.seal+open (13 B)", count: 100_000) {
            for _ in 0..<100_000 { sink &+= try aes.open(aes.seal(ci)).count }
        }
        let document = try SecureRandom.bytes(100_000)
        try rate("100 KB doc SHA-256 + stream encrypt (memory)", count: 2_000) {
            for _ in 0..<2_000 {
                let (sealed, digest) = try AESGCMStream.encrypt(document, key: aes, associatedData: [1])
                sink &+= sealed.count &+ Int(digest[0])
            }
        }
        let signer = try Ed25519PrivateKey.generate()
        let message = Array("checkpoint".utf8)
        let signature = try signer.sign(message)
        rate("Ed25519 verify", count: 20_000) {
            for _ in 0..<20_000 where signer.publicKey.isValidSignature(signature, for: message) { sink &+= 1 }
        }
        try rate("Ed25519 sign", count: 20_000) {
            for _ in 0..<20_000 { sink &+= try signer.sign(message).count }
        }
        let big = try SecureRandom.bytes(100_000_000)
        rate("SHA-256 100 MB (x1)", count: 1) { sink &+= Int(SHA256.hash(big)[0]) }
        #expect(sink != 0)
    }
}
