import Foundation
import SongdalCrypto
import Testing

@Suite struct SignatureTests {
    @Test func rfc8032TestVector1() throws {
        let key = try Ed25519PrivateKey(rawRepresentation:
            Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!)
        #expect(Hex.encode(key.publicKey.rawRepresentation)
            == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature = try key.sign([UInt8]())
        #expect(Hex.encode(signature) == "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(key.publicKey.isValidSignature(signature, for: []))
    }

    @Test func signAndVerify() throws {
        let key = try Ed25519PrivateKey.generate()
        let message = Array("checkpoint\n42\nabc=\n".utf8)
        let signature = try key.sign(message)
        #expect(signature.count == 64)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(key.publicKey.isValidSignature(signature, for: Data(message)))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0]))
        #expect(!key.publicKey.isValidSignature(signature, for: Array("checkpoint\n43\nabc=\n".utf8)))
        for position in [0, 31, 32, 63] {
            var flipped = signature
            flipped[position] ^= 0x01
            #expect(!key.publicKey.isValidSignature(flipped, for: message))
        }
        #expect(!key.publicKey.isValidSignature(Array(signature.prefix(63)), for: message))
        #expect(!key.publicKey.isValidSignature([], for: message))
        #expect(try !Ed25519PrivateKey.generate().publicKey.isValidSignature(signature, for: message))
    }

    @Test func pemRoundTripAndKeyID() throws {
        let key = try Ed25519PrivateKey.generate()
        let pem = try key.pem
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reloaded = try Ed25519PrivateKey(pem: pem)
        #expect(reloaded.publicKey == key.publicKey)
        #expect(try reloaded.rawRepresentation == key.rawRepresentation)

        let publicPEM = key.publicKey.pem
        let publicReloaded = try Ed25519PublicKey(pem: publicPEM)
        #expect(publicReloaded == key.publicKey)
        #expect(publicReloaded.keyID == key.publicKey.keyID)
        #expect(key.publicKey.keyID.count == 16)
        #expect(key.publicKey.keyID == Hex.encode(SHA256.hash(key.publicKey.rawRepresentation).prefix(8)))
        #expect(try Ed25519PublicKey(rawRepresentation: key.publicKey.rawRepresentation).keyID == key.publicKey.keyID)
        // Signatures made before the round trip verify after it.
        let signature = try key.sign(Array("x".utf8))
        #expect(publicReloaded.isValidSignature(signature, for: Array("x".utf8)))
        // The public PEM is what OpenSSL itself writes.
        #expect(try runOpenSSL(["pkey", "-pubout"], input: pem).output == publicPEM)
    }

    @Test func rejectsWrongKeys() throws {
        #expect(throws: CryptoError.self) { try Ed25519PublicKey(rawRepresentation: [1, 2, 3]) }
        #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pem: "garbage") }
        #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pem: "") }
        let p256 = try P256PrivateKey.generate()
        #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pem: p256.pem) }
        #expect(throws: CryptoError.self) { try Ed25519PublicKey(pem: p256.publicKeyPEM) }
    }

    @Test func p256() throws {
        let key = try P256PrivateKey.generate()
        let reloaded = try P256PrivateKey(pem: key.pem)
        #expect(try reloaded.publicKeyPEM == key.publicKeyPEM)
        let signature = try key.signature(for: Array("m".utf8))
        #expect(reloaded.isValidSignature(signature, for: Array("m".utf8)))
        #expect(!reloaded.isValidSignature(signature, for: Array("n".utf8)))
        #expect(throws: CryptoError.self) { try P256PrivateKey(pem: Ed25519PrivateKey.generate().pem) }
    }

    @Test func concurrentVerification() async throws {
        let key = try Ed25519PrivateKey.generate()
        let message = Array("m".utf8)
        let signature = try key.sign(message)
        let publicKey = key.publicKey
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask { (0..<200).allSatisfy { _ in publicKey.isValidSignature(signature, for: message) } }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results == [true, true, true, true])
    }
}
